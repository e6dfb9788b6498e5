"""In a real Chromium: an editor uploads a WordPress export and watches the import finish."""

import re

import pytest
from playwright.sync_api import expect

from kabar.ingest.models import ImportJob

from .wxr_samples import wxr_document, wxr_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Warga Bogor gotong royong bersihkan sungai"


def test_editor_uploads_an_export_and_sees_the_import_complete(
    browser_page, live_server, home, editor, tmp_path
):
    page, base = browser_page, live_server.url
    export = tmp_path / "kabar-harapan.xml"
    export.write_bytes(
        wxr_document(
            wxr_post(
                7,
                title=HEADLINE,
                slug="warga-bogor-gotong-royong",
                content="Ratusan warga turun ke Sungai Ciliwung sejak pagi.",
            ),
            *(wxr_post(n) for n in range(10, 14)),
        )
    )

    page.goto(f"{base}/admin/login/")
    page.locator("input[name=username]").fill("editor")
    page.locator("input[name=password]").fill("kata-sandi-rahasia")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")

    page.get_by_role("link", name="Impor WordPress").first.click()
    expect(page).to_have_url(f"{base}/admin/wordpress-import/")
    page.locator("input[name=export]").set_input_files(str(export))
    page.get_by_role("button", name="Unggah dan impor").click()

    job = ImportJob.objects.get()
    expect(page).to_have_url(f"{base}/admin/wordpress-import/{job.pk}/")
    # The page reloads itself until the job ends.
    expect(page.locator(".import-complete")).to_have_text("Impor selesai.", timeout=30_000)
    # The last phase indexes what was imported; the bar ends full.
    progress = page.locator("#import-progress")
    expect(progress).to_have_attribute("value", progress.get_attribute("max"))
    counts = page.locator("#import-counts")
    expect(counts.get_by_role("row").filter(has_text="Tulisan")).to_have_text(
        re.compile(r"^\s*Tulisan\s*dibuat\s*5\s*$")
    )

    page.goto(f"{base}/admin/wordpress-import/")
    expect(page.get_by_role("link", name="kabar-harapan.xml")).to_be_visible()

    page.goto(f"{base}/2025/08/01/warga-bogor-gotong-royong/")
    expect(page.get_by_role("heading", name=HEADLINE)).to_be_visible()
    expect(page.locator("body")).to_contain_text(re.compile("Ratusan warga turun"))
