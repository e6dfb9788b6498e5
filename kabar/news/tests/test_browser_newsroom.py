"""In a real Chromium: a writer files a story, an editor approves it, readers see it."""

import re

import pytest
from playwright.sync_api import Page, expect

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-rahasia"


def admin_login(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/admin/")


def admin_logout(page: Page, base_url: str) -> None:
    # The account menu sits at the foot of the sidebar; "Keluar" is Wagtail's "Log out".
    page.get_by_role("button", name=re.compile("Budi|Sari|penulis|editor", re.I)).last.click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def test_writer_submits_editor_approves_and_readers_see_it(
    browser_page, live_server, section, writer, editor
):
    page, base = browser_page, live_server.url
    AuthorFactory(name="Sari Penulis")
    ArticlePageFactory(parent=section, title="Berita kemarin", authors=[AuthorFactory()])
    headline = "Warga Bogor gotong royong bersihkan sungai"

    admin_login(page, base, "penulis")
    page.goto(f"{base}/admin/pages/{section.pk}/add_subpage/")
    page.locator(f'a[href$="/add/news/articlepage/{section.pk}/"]').click()
    page.locator("input[name=title]").fill(headline)
    page.locator("textarea[name=summary]").fill("Ratusan warga turun ke Sungai Ciliwung.")
    body = page.locator('[data-contentpath="body"]')
    body.get_by_role("button", name=re.compile("Sisipkan|Insert", re.I)).first.click()
    page.get_by_role("option", name="Paragraf").click()
    # Draftail listens to key presses, so type into it as a person would.
    body.locator('[contenteditable="true"]').first.click()
    page.keyboard.type("Sejak pagi warga membawa karung dan sekop.")
    # Draftail copies its content into the form field a moment later; wait for it.
    expect(body.locator('input[name="body-0-value"]')).to_have_value(re.compile("Sejak pagi"))
    page.locator("select[name=authorships-0-author]").select_option(label="Sari Penulis")
    page.locator("footer").get_by_role("button", name=re.compile("Tindakan|More", re.I)).click()
    submit = page.locator("button[name=action-submit]")
    expect(submit).to_contain_text("Tinjauan Redaksi")
    submit.click()
    expect(page.locator(".messages")).to_contain_text(headline)
    admin_logout(page, base)

    article = ArticlePage.objects.get(title=headline)
    assert not article.live and article.workflow_in_progress
    draft = article.get_latest_revision_as_object()
    assert "Sejak pagi warga" in draft.body_text()

    admin_login(page, base, "editor")
    review = page.locator("#awaiting-review-section")
    expect(review).to_contain_text("Menunggu tinjauan anda")
    submission = review.get_by_role("row").filter(has_text=headline)
    submission.locator(".w-dropdown__toggle").click()
    # Approval opens the editorial checklist: every item must be ticked first.
    submission.locator('button[data-workflow-action-url*="/approve/"]').click()
    dialog = page.locator(".modal-content")
    expect(dialog).to_contain_text("Sumber terverifikasi")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_contain_text("Centang butir ini sebelum menyetujui.")
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    for box in dialog.locator("input[type=checkbox]").all():
        box.check()
    dialog.locator("button[type=submit]").click()
    # The dashboard reloads without the approved story in its review list.
    expect(page.locator("#awaiting-review-section", has_text=headline)).to_have_count(0)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and not article.workflow_in_progress

    page.goto(f"{base}/")
    expect(page.get_by_role("link", name=headline).first).to_be_visible()
    page.get_by_role("link", name=headline).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    expect(page.locator("main")).to_contain_text("Sejak pagi warga membawa karung dan sekop.")
    expect(page.locator("main")).to_contain_text("Sari Penulis")
