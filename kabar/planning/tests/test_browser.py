"""In a real Chromium, in Indonesian: an editor assigns a story, the reporter drafts it."""

import pytest
from playwright.sync_api import expect

from kabar.news.models import ArticlePage
from kabar.news.tests.test_browser_newsroom import admin_login, admin_logout
from kabar.planning.models import Assignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_assigns_and_the_reporter_makes_the_draft_in_one_click(
    browser_page, live_server, section, writer, editor
):
    page, base = browser_page, live_server.url
    title = "Antrean solar di SPBU Pantura"

    admin_login(page, base, "editor")
    page.get_by_role("link", name="Penugasan", exact=True).first.click()
    page.get_by_role("link", name="Tambah penugasan").first.click()
    page.locator("input[name=title]").fill(title)
    page.locator("select[name=reporter]").select_option(label="Sari Penulis")
    page.locator("select[name=section]").select_option(label=section.title)
    page.locator("input[name=deadline]").fill("2030-05-04 15:00")
    page.keyboard.press("Escape")  # close the date picker
    page.locator("textarea[name=notes]").fill("Foto antrean truk, wawancara sopir.")
    page.get_by_role("button", name="Buat").click()
    expect(page.locator(".messages")).to_contain_text(title)
    admin_logout(page, base)
    assert Assignment.objects.get().reporter == writer

    admin_login(page, base, "penulis")
    page.get_by_role("link", name="Penugasan", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Penugasan saya")
    row = page.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name="Jadikan draf").click()
    expect(page.locator("input[name=title]")).to_have_value(title)
    expect(page.locator(".messages")).to_contain_text("sudah siap")

    article = ArticlePage.objects.get(title=title)
    assert article.owner == writer and not article.live
    assert article.get_parent().pk == section.pk
    page.get_by_role("link", name="Penugasan", exact=True).first.click()
    row = page.get_by_role("row").filter(has_text=title)
    expect(row.get_by_role("link", name="Buka draf")).to_be_visible()
