"""In Chromium: a complainant sends a right of reply, an editor accepts it, the story shows it."""

import importlib.util

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from kabar.complaints.models import Complaint
from kabar.news.tests.factories import ArticlePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache_on"),
]

REPLY = "Proyek hanya molor delapan bulan karena pembebasan lahan, bukan dua tahun."


@pytest.fixture
def story(section):
    return ArticlePageFactory(parent=section, title="Proyek tol molor", slug="proyek-tol-molor")


def complainant_submits(page, base: str, story) -> Complaint:
    page.goto(f"{base}{story.url}")
    page.locator(".article-complaint__links a", has_text="Hak jawab").click()
    page.check("input[name=kind][value=hak_jawab]")
    page.fill("input[name=name]", "PT Jalan Lancar")
    page.fill("input[name=email]", "humas@jalanlancar.co.id")
    page.fill("textarea[name=disputed]", "Berita menyebut proyek molor dua tahun.")
    page.fill("textarea[name=response]", REPLY)
    page.click("button:has-text('Kirim')")
    expect(page.locator("h1")).to_contain_text("kiriman Anda sudah diterima redaksi")
    return Complaint.objects.get()


def editor_logs_in(page, base: str, editor) -> None:
    page.goto(f"{base}/admin/login/")
    page.locator("input[name=username]").fill(editor.username)
    page.locator("input[name=password]").fill("kata-sandi-rahasia")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")


@override_settings(COMPLAINTS_MIN_FILL_SECONDS=0)
def test_a_complaint_sent_from_the_story_reaches_the_editors_queue(
    browser_page, live_server, story, editor
):
    page, base = browser_page, live_server.url
    complaint = complainant_submits(page, base, story)
    assert complaint.article_id == story.pk and complaint.response == REPLY

    editor_logs_in(page, base, editor)
    page.goto(f"{base}/admin/pengaduan/")
    row = page.locator("tr", has_text="PT Jalan Lancar")
    expect(row).to_contain_text("Baru")
    expect(row).to_contain_text("sisa 47 jam")
    page.goto(f"{base}/admin/pengaduan/edit/{complaint.pk}/")
    page.click("text=Tangani (diproses)")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.IN_PROGRESS and complaint.assigned_to == editor


@pytest.mark.skipif(
    importlib.util.find_spec("kabar.corrections") is None,
    reason="kabar.corrections (correction notes, built beside this app) is not merged yet",
)
@override_settings(COMPLAINTS_MIN_FILL_SECONDS=0)
def test_an_accepted_right_of_reply_appears_on_the_story(browser_page, live_server, story, editor):
    page, base = browser_page, live_server.url
    complaint = complainant_submits(page, base, story)

    editor_logs_in(page, base, editor)
    page.goto(f"{base}/admin/pengaduan/edit/{complaint.pk}/")
    expect(page.locator("textarea[name=text]")).to_have_value(REPLY)
    page.click("text=Terima dan muat sebagai Hak Jawab")
    expect(page.locator(".messages")).to_contain_text("Hak jawab sudah dimuat pada berita.")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.PUBLISHED and complaint.correction_id

    # A reader (no session) sees the Hak Jawab on the story, the page cache purged by the note.
    page.context.clear_cookies()
    page.goto(f"{base}{story.url}")
    expect(page.locator("main")).to_contain_text(REPLY)
    expect(page.locator("main")).to_contain_text("PT Jalan Lancar")
