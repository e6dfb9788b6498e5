"""In a real Chromium, through the page cache: an editor corrects a story and withdraws
another, and readers see both at once."""

import pytest
from playwright.sync_api import expect

from kabar.news.models import ArticlePage
from kabar.news.tests.test_browser_newsroom import admin_login

from .conftest import article_publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]


def test_editor_adds_a_koreksi_and_readers_see_it_on_the_story_and_in_the_log(
    browser_page, live_server, section, editor
):
    page, base = browser_page, live_server.url
    article = article_publish(section, title="Gempa guncang Cianjur", body="Korban 21 orang.")
    # A reader's visit puts the story in the page cache first.
    page.goto(f"{base}{article.url}")
    expect(page.locator(".corrections")).to_have_count(0)

    admin_login(page, base, "editor")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    # The article's "…" menu in the admin header leads to a note for this story.
    page.locator("header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Tambah catatan koreksi").click()
    page.locator("select[name=kind]").select_option(label="Koreksi")
    page.locator("textarea[name=text]").fill("Korban 12 orang, bukan 21 orang.")
    page.get_by_role("button", name="Buat").click()
    expect(page.locator(".messages")).to_contain_text("Gempa guncang Cianjur")

    reader = page.context.new_page()
    reader.goto(f"{base}{article.url}")
    box = reader.locator(".corrections--top")
    expect(box).to_contain_text("Koreksi")
    expect(box).to_contain_text("Korban 12 orang, bukan 21 orang.")
    expect(reader.locator(".article__updated")).to_contain_text("Diperbarui")
    reader.get_by_role("link", name="Koreksi", exact=True).last.click()  # the footer link
    expect(reader).to_have_url(f"{base}/koreksi/")
    expect(reader.locator(".corrections__list")).to_contain_text("Gempa guncang Cianjur")
    expect(reader.locator(".corrections__list")).to_contain_text("Korban 12 orang")


def test_withdrawn_story_answers_410_and_is_gone_from_home_search_feeds_and_sitemaps(
    browser_page, live_server, section, editor
):
    page, base = browser_page, live_server.url
    standing = article_publish(section, title="Harga beras naik", body="beras mahal")
    article = article_publish(section, title="Beras plastik beredar", body="beras plastik")
    places = [
        "/",
        section.url,
        "/cari/?q=beras",
        "/feed/",
        "/feed/atom/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]
    # Every listing is read once before, so each is in the page cache.
    for path in places:
        assert article.url in page.request.get(f"{base}{path}").text(), path

    admin_login(page, base, "editor")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    page.locator("header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Cabut berita").click()
    page.get_by_role("button", name="Cabut berita").click()
    expect(page.locator(".error-message, .help-critical, .w-field__errors").first).to_be_visible()
    page.locator("textarea[name=reason]").fill("Sumber tidak dapat diverifikasi.")
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="Cabut berita").click()
    expect(page.locator(".messages")).to_contain_text("telah dicabut")
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is not None

    reader = page.context.new_page()
    response = reader.goto(f"{base}{article.url}")
    assert response.status == 410
    expect(reader.locator("h1")).to_have_text("Beras plastik beredar")
    expect(reader.locator(".notice--withdrawn")).to_contain_text("Sumber tidak dapat diverifikasi.")
    expect(reader.locator(".withdrawn__when")).to_contain_text("WIB")
    for path in places:
        body = reader.request.get(f"{base}{path}").text()
        assert standing.url in body, path
        assert article.url not in body, path
