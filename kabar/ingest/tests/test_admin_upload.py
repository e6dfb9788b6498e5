"""The admin's WordPress upload: validation, who may use it, and the job it runs.

The admin speaks Indonesian (the site's language), so pages are asserted in Indonesian; the
importer's own summary lines stay in English here (this folder's conftest overrides them).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kabar.ingest import tasks
from kabar.ingest.models import ImportJob
from kabar.news.models import ArticlePage

from .wxr_samples import wxr_document, wxr_post

INDEX = "/admin/wordpress-import/"


def upload(content: bytes, name: str = "ekspor.xml", **fields) -> dict:
    data = {
        "export": SimpleUploadedFile(name, content, content_type="text/xml"),
        "media_dir": "",
        "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
    }
    data.update(fields)
    return data


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_sees_the_menu_item_and_the_form(editor_client, home):
    response = editor_client.get("/admin/")
    assert INDEX in response.content.decode()
    response = editor_client.get(INDEX)
    assert response.status_code == 200
    assert 'name="export"' in response.content.decode()


def test_writer_is_refused(client, writer, home):
    client.force_login(writer)
    assert INDEX not in client.get("/admin/").content.decode()
    # Wagtail turns a refusal into a redirect to the dashboard with a "no permission" message.
    assert client.get(INDEX)["Location"] == "/admin/"
    response = client.post(INDEX, upload(wxr_document(wxr_post(1))))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ImportJob.objects.exists()


def test_superuser_may_import(admin_client, home):
    assert admin_client.get(INDEX).status_code == 200


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Ini hanya teks biasa.", "ekspor.xml", "tidak tampak seperti XML"),
        (b"", "ekspor.xml", "Berkas yang dikirimkan kosong."),
        (wxr_document(wxr_post(1)), "ekspor.pdf", "bukan berkas .xml"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(editor_client, home, content, name, message):
    response = editor_client.post(INDEX, upload(content, name))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_too_large_upload_is_refused(editor_client, home, settings):
    settings.WORDPRESS_IMPORT_MAX_UPLOAD_SIZE = 100
    response = editor_client.post(INDEX, upload(wxr_document(wxr_post(1))))
    assert response.status_code == 400
    assert "ekspor terbesar yang diterima 100" in response.content.decode()


def test_missing_media_folder_is_refused(editor_client, home, tmp_path):
    missing = tmp_path / "tidak-ada"
    response = editor_client.post(INDEX, upload(wxr_document(wxr_post(1)), media_dir=str(missing)))
    assert response.status_code == 400
    assert f"Folder {missing} tidak ada di server." in response.content.decode()


def test_upload_runs_the_import_to_done_with_counts(editor_client, editor, home):
    export = wxr_document(
        *(wxr_post(n) for n in range(1, 13)), wxr_post(99, status="trash", title="Sampah")
    )
    response = editor_client.post(INDEX, upload(export, dry_run=""))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ingest_import:job", args=[job.pk])
    assert job.status == ImportJob.Status.DONE
    assert job.created_by == editor
    assert job.started_at <= job.finished_at
    # The last phase indexes what was imported: articles, sections and their references.
    assert job.phase == "index" and job.progress_done == job.progress_total >= 12
    assert job.summary["counts"]["post"] == {"created": 12, "skipped": 1}
    assert ArticlePage.objects.filter(slug="berita-12").exists()

    page = editor_client.get(response["Location"]).content.decode()
    assert "Impor selesai." in page
    total = job.progress_total
    assert f'<progress id="import-progress" value="{total}" max="{total}">' in page
    assert "http-equiv" not in page
    assert (
        "post 99 &quot;Sampah&quot;</strong>: Tulisan ini ada di tempat sampah WordPress." in page
    )
    assert "<td>Tulisan</td><td>dibuat</td><td>12</td>" in page
    assert editor_client.get(INDEX).content.decode().count(job.get_absolute_url()) == 1


def test_dry_run_upload_writes_nothing(editor_client, home):
    editor_client.post(INDEX, upload(wxr_document(wxr_post(1)), dry_run="on"))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    assert job.summary["counts"]["post"] == {"created": 1}
    assert not ArticlePage.objects.filter(slug="berita-1").exists()
    assert "Uji coba selesai" in editor_client.get(job.get_absolute_url()).content.decode()


def test_export_that_is_not_wordpress_fails_with_its_reason(editor_client, home):
    editor_client.post(INDEX, upload(b'<?xml version="1.0"?><rss version="2.0"></rss>'))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    # The job runs in the uploader's language, so its reason is in Indonesian.
    assert "Ini bukan ekspor WordPress" in job.error
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert "Impor gagal." in page and "Ini bukan ekspor WordPress" in page


def test_crash_marks_the_job_failed_not_running(editor_client, home, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(tasks, "wxr_import", crash)
    editor_client.post(INDEX, upload(wxr_document(wxr_post(1))))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    # What happened, and that running it again finishes the job.
    assert "disk penuh" in job.error and "impor lagi ekspor yang sama" in job.error
    assert job.finished_at is not None
    assert not job.export


def test_running_job_page_refreshes_itself_and_status_is_json(editor_client, editor, home):
    job = ImportJob.objects.create(
        export="ingest/imports/x.xml",
        export_name="x.xml",
        status=ImportJob.Status.RUNNING,
        phase="posts",
        progress_done=40,
        progress_total=120,
        created_by=editor,
    )
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh"' in page
    assert '<progress id="import-progress" value="40" max="120">' in page
    status = editor_client.get(reverse("ingest_import:status", args=[job.pk])).json()
    assert status == {
        "status": "running",
        "phase": "posts",
        "done": 40,
        "total": 120,
        "finished": False,
        "error": "",
    }


def test_unknown_job_is_404(editor_client, home):
    assert editor_client.get(reverse("ingest_import:job", args=[999])).status_code == 404


def test_progress_is_written_every_few_items(editor, home, monkeypatch):
    job = ImportJob.objects.create(export="x.xml", export_name="x.xml")
    saves = []
    monkeypatch.setattr(job, "save", lambda **kwargs: saves.append(job.progress_done))
    for done in range(1, 26):
        tasks.import_job_progress(job, "media", done, 25)
    assert saves == [1, 10, 20, 25]


def test_running_job_whose_worker_died_is_shown_failed(editor_client, home, settings):
    settings.WORDPRESS_IMPORT_STALL_MINUTES = 30
    job = ImportJob.objects.create(
        export="x.xml", export_name="x.xml", status=ImportJob.Status.RUNNING
    )
    fresh = ImportJob.objects.create(
        export="y.xml", export_name="y.xml", status=ImportJob.Status.RUNNING
    )
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=31))
    page = editor_client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.finished_at is not None
    assert "30 menit" in job.error
    assert "Impor gagal." in page and "http-equiv" not in page
    editor_client.get(fresh.get_absolute_url())
    fresh.refresh_from_db()
    assert fresh.status == ImportJob.Status.RUNNING
