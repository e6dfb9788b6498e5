"""In a real Chromium, in Indonesian: the article editor's word count and its search and share
previews follow what the editor types, before anything is saved."""

import re

import pytest
from playwright.sync_api import expect

from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_word_count_and_previews_follow_the_editor(browser_page, live_server, section, editor):
    page, base = browser_page, live_server.url
    article = ArticlePageFactory(
        parent=section,
        title="Banjir di Jakarta",
        summary="Dua kata",
        body=[("paragraph", "<p>Satu dua</p>")],
    )
    page.goto(f"{base}/admin/login/")
    page.locator("input[name=username]").fill("editor")
    page.locator("input[name=password]").fill("kata-sandi-rahasia")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")

    words = page.locator("[data-writing-words]")
    expect(words).to_have_text("4")
    paragraph = page.locator(".public-DraftEditor-content").first
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(" tiga empat")
    expect(words).to_have_text("6")
    page.locator("textarea[name=summary]").fill(" ".join(["kata"] * 250))
    expect(words).to_have_text("254")
    expect(page.locator("[data-writing-minutes]")).to_have_text("2")

    page.get_by_role("tab", name=re.compile("Promosi|Promote")).click()
    page.locator("input[name=seo_title]").fill("Jakarta kebanjiran lagi")
    expect(page.locator("[data-preview-search-title]")).to_have_text(
        "Jakarta kebanjiran lagi | Kabar Harapan"
    )
    expect(page.locator("[data-preview-card-title]")).to_have_text("Jakarta kebanjiran lagi")
    page.locator("textarea[name=search_description]").fill("Air setinggi satu meter. " * 12)
    description = page.locator("[data-preview-search-description]")
    expect(description).to_have_text(re.compile(r"^Air setinggi satu meter\..*…$"))
    expect(page.locator("[data-preview-description-warning]")).to_be_visible()


def test_wagtails_checks_panel_counts_the_preview(browser_page, live_server, section, editor):
    page, base = browser_page, live_server.url
    # A valid form (an article needs an author), or Wagtail has no preview to check.
    article = ArticlePageFactory(
        parent=section,
        title="Banjir di Jakarta",
        body=[("paragraph", "<p>Satu dua tiga</p>")],
        authors=[AuthorFactory(name="Sari Penulis")],
    )
    page.goto(f"{base}/admin/login/")
    page.locator("input[name=username]").fill("editor")
    page.locator("input[name=password]").fill("kata-sandi-rahasia")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle='checks']").click()
    # Without the userbar in the preview the panel stays at "-" for ever.
    expect(page.locator("[data-content-word-count]")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("[data-content-reading-time]")).to_have_text(re.compile(r"menit"))
