"""In a real Chromium, in Indonesian: the newsroom manages its authors and tags itself."""

import re

import pytest
from playwright.sync_api import expect

from kabar.news.models import ArticlePage, Author
from kabar.news.tests.factories import ArticlePageFactory
from kabar.news.tests.test_browser_newsroom import admin_login, admin_logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_creates_an_author_and_a_reporter_bylines_a_story_with_it(
    browser_page, live_server, section, writer, editor
):
    page, base = browser_page, live_server.url

    admin_login(page, base, "editor")
    page.get_by_role("link", name="Penulis", exact=True).first.click()
    page.get_by_role("link", name="Tambah penulis").first.click()
    page.locator("input[name=name]").fill("Rina Wartawan")
    page.locator("input[name=job_title]").fill("Reporter Kota")
    page.get_by_label("Fotografer").check()
    page.locator("input[name=x_url]").fill("https://facebook.com/rina")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main")).to_contain_text("Masukkan alamat di x.com, twitter.com.")
    page.locator("input[name=x_url]").fill("https://x.com/rinawartawan")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".messages")).to_contain_text("Rina Wartawan")
    admin_logout(page, base)
    author = Author.objects.get(name="Rina Wartawan")
    assert author.roles == ["fotografer"] and author.x_url == "https://x.com/rinawartawan"

    admin_login(page, base, "penulis")
    page.goto(f"{base}/admin/pages/add/news/articlepage/{section.pk}/")
    page.locator("input[name=title]").fill("Pasar terapung kembali ramai")
    page.locator("textarea[name=summary]").fill("Pedagang kembali berdatangan.")
    body = page.locator('[data-contentpath="body"]')
    body.get_by_role("button", name=re.compile("Sisipkan|Insert", re.I)).first.click()
    page.get_by_role("option", name="Paragraf").click()
    body.locator('[contenteditable="true"]').first.click()
    page.keyboard.type("Perahu pedagang memenuhi sungai sejak subuh.")
    expect(body.locator('input[name="body-0-value"]')).to_have_value(re.compile("Perahu"))
    page.locator("select[name=authorships-0-author]").select_option(label="Rina Wartawan")
    page.locator("select[name=authorships-0-role]").select_option(label="Fotografer")
    page.get_by_role("button", name="Simpan konsep").click()
    expect(page.locator(".messages")).to_contain_text("Pasar terapung kembali ramai")

    article = ArticlePage.objects.get(title="Pasar terapung kembali ramai")
    credit = article.get_latest_revision_as_object().authorships.get()
    assert credit.author == author and credit.role == "fotografer"
    assert article.owner == writer


def test_editor_merges_tags_and_the_old_address_redirects(
    browser_page, live_server, section, editor
):
    page, base = browser_page, live_server.url
    story = ArticlePageFactory(parent=section, title="Jalur sepeda baru dibuka", tags=["Sepeda"])
    ArticlePageFactory(parent=section, title="Gowes pagi di Sudirman", tags=["bersepeda"])

    admin_login(page, base, "editor")
    page.get_by_role("link", name="Tag", exact=True).first.click()
    page.get_by_role("textbox", name="Cari").first.fill("sepeda")
    row = page.get_by_role("row").filter(has_text="Sepeda").filter(has_not_text="bersepeda")
    expect(row).to_have_count(1)
    row.locator(".w-dropdown__toggle").click()
    row.get_by_role("link", name="Gabungkan").click()
    expect(page.locator("main")).to_contain_text("dipakai oleh 1 artikel")
    page.get_by_label("Gabungkan ke tag").fill("Bersepeda")
    page.get_by_role("button", name="Gabungkan tag").click()
    expect(page.locator(".messages")).to_contain_text(
        "“Sepeda” digabungkan ke “bersepeda”: 1 artikel dipindahkan."
    )

    page.goto(f"{base}/tag/sepeda/")
    expect(page).to_have_url(f"{base}/tag/bersepeda/")
    expect(page.get_by_role("link", name=story.title)).to_be_visible()
    expect(page.get_by_role("link", name="Gowes pagi di Sudirman")).to_be_visible()
