"""Uploaded exports and uploads archives: private while the import runs, gone when it ends;
a cut-off export publishes nothing and the complete one finishes the job; archives unpacked
safely.

Pages and job messages are asserted in Indonesian, the admin's language.
"""

import importlib
import io
import stat
import tarfile
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from wagtail.images import get_image_model

from kabar.core.storage import private_storage
from kabar.ingest import tasks
from kabar.ingest.models import ImportJob
from kabar.ingest.services.archive import (
    ArchiveRefused,
    uploads_archive_check,
    uploads_archive_extract,
)
from kabar.news.models import ArticlePage, SectionPage

from .conftest import FILES, NEWSROOM, newsroom_clock
from .wxr_samples import wxr_document, wxr_post

INDEX = "/admin/wordpress-import/"
UPLOADS = FILES / "wordpress-6.1-newsroom-uploads.tar.gz"
migration = importlib.import_module("kabar.ingest.migrations.0005_importjob_private_files")


@pytest.fixture(autouse=True)
def indonesian():
    """The admin speaks Indonesian; the folder's conftest turns the importer to English."""
    with translation.override("id"):
        yield


@pytest.fixture
def disk(settings, tmp_path):
    """Public media and private files on disk, in folders of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": "/media/"},
        },
        "private": {
            "BACKEND": "kabar.core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def upload(content: bytes, archive: bytes | None = None, archive_name="uploads.tar.gz", **fields):
    data = {
        "export": SimpleUploadedFile("ekspor.xml", content, content_type="text/xml"),
        "media_dir": "",
        "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
    }
    if archive is not None:
        data["media_archive"] = SimpleUploadedFile(archive_name, archive)
    data.update(fields)
    return data


# Private files


def test_export_is_private_while_importing_and_deleted_after(
    editor_client, home, disk, monkeypatch
):
    seen = {}
    real_import = tasks.wxr_import

    def watching_import(*, source, options, progress):
        job = ImportJob.objects.get()
        seen["source"] = Path(source)
        seen["mode"] = stat.S_IMODE(Path(source).stat().st_mode)
        seen["media_files"] = files_under(disk / "media")
        with pytest.raises(ValueError):
            job.export.url  # noqa: B018 - no public address at all
        return real_import(source=source, options=options, progress=progress)

    monkeypatch.setattr(tasks, "wxr_import", watching_import)
    editor_client.post(INDEX, upload(wxr_document(wxr_post(1))))

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    # While the import ran, the export was under the private folder, readable by the server
    # only, and nothing of it was in the public media root.
    assert seen["source"].is_relative_to(disk / "private")
    assert seen["mode"] == 0o600
    assert seen["media_files"] == []
    # Afterwards it is gone, and the job no longer names it.
    assert not seen["source"].exists()
    assert files_under(disk / "private") == []
    assert not job.export
    assert job.export_name == "ekspor.xml"


def test_files_are_deleted_when_the_import_fails_too(editor_client, home, disk):
    editor_client.post(
        INDEX,
        upload(b'<?xml version="1.0"?><rss version="2.0"></rss>', archive=UPLOADS.read_bytes()),
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert not job.export and not job.media_archive
    assert files_under(disk / "private") == []


def test_migration_takes_exports_out_of_the_public_media_root(home, disk):
    finished = ImportJob.objects.create(export_name="lama.xml", status=ImportJob.Status.DONE)
    queued = ImportJob.objects.create(export_name="antre.xml")
    for job, name in ((finished, "lama.xml"), (queued, "antre.xml")):
        stored = default_storage.save(f"ingest/imports/2026/11/{name}", ContentFile(b"<rss/>"))
        ImportJob.objects.filter(pk=job.pk).update(export=stored)
    default_storage.save("ingest/imports/2026/10/yatim.xml", ContentFile(b"<rss/>"))

    migration.exports_out_of_media(apps, None)

    finished.refresh_from_db()
    queued.refresh_from_db()
    assert not finished.export
    assert queued.export.name == "imports/2026/11/antre.xml"
    assert private_storage.open(queued.export.name).read() == b"<rss/>"
    assert files_under(disk / "media") == []


# A cut-off export, then the complete one


def test_cut_off_export_publishes_nothing_and_the_complete_one_finishes(editor_client, home, disk):
    full = NEWSROOM.read_bytes()
    # Cut in the middle of the 60th item, as an interrupted download leaves it.
    at = -1
    for _n in range(60):
        at = full.index(b"<item>", at + 1)
    cut = full[: at + 300]
    with newsroom_clock():
        editor_client.post(INDEX, upload(cut, archive=UPLOADS.read_bytes()))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "Ekspor tidak lengkap" in job.error and "terpotong di baris" in job.error
    assert "Impor lagi ekspor yang lengkap untuk menyelesaikannya" in job.error
    assert not ArticlePage.objects.exists()
    assert not SectionPage.objects.exists()
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert "Impor gagal." in page and "Ekspor tidak lengkap" in page
    assert files_under(disk / "private") == []

    with newsroom_clock():
        editor_client.post(INDEX, upload(full, archive=UPLOADS.read_bytes()))
    rerun = ImportJob.objects.latest("pk")
    assert rerun.status == ImportJob.Status.DONE, rerun.error
    counts = rerun.summary["counts"]
    assert counts["post"] == {"created": 119, "skipped": 1}
    # The images came from the archive sent with the first upload, read before the cut; the
    # second upload found them unchanged, though its archive was unpacked somewhere new.
    assert counts["attachment"] == {"unchanged": 20}
    assert get_image_model().objects.count() == 20
    assert ArticlePage.objects.count() == 119 and SectionPage.objects.count() == 19
    assert files_under(disk / "private") == []


# The uploads archive


def zip_of(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def tar_of(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name in links:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
    return buffer.getvalue()


def written(tmp_path, data: bytes, name="arsip") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("pack", [zip_of, tar_of])
def test_archive_unpacks_to_its_uploads_folder(tmp_path, pack):
    source = written(tmp_path, pack({"wp-content/uploads/2025/01/a.jpg": b"jpeg"}))
    folder = uploads_archive_extract(source=source, target=tmp_path / "out")
    assert folder == tmp_path / "out" / "wp-content" / "uploads"
    assert (folder / "2025" / "01" / "a.jpg").read_bytes() == b"jpeg"


@pytest.mark.parametrize("pack", [zip_of, tar_of])
@pytest.mark.parametrize(
    ("entries", "links", "reason"),
    [
        ({"../luar.jpg": b"x"}, (), "di luar foldernya"),
        ({"/etc/cron.d/x": b"x"}, (), "di luar foldernya"),
        ({"uploads/2025/../../x": b"x"}, (), "di luar foldernya"),
        ({"uploads/a.jpg": b"x"}, ("uploads/tautan",), "tautan"),
    ],
)
def test_unsafe_archives_are_refused_before_anything_is_written(
    tmp_path, pack, entries, links, reason
):
    source = written(tmp_path, pack(entries, links))
    with pytest.raises(ArchiveRefused, match=reason):
        uploads_archive_extract(source=source, target=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "luar.jpg").exists()


@pytest.mark.parametrize("pack", [zip_of, tar_of])
def test_archive_bombs_are_refused_by_size_and_count(tmp_path, settings, pack):
    # Megabytes of zeros pack into a few kilobytes: the unpacked size is what counts.
    source = written(tmp_path, pack({"uploads/nol.bin": bytes(4 * 1024 * 1024)}))
    assert source.stat().st_size < 64 * 1024
    settings.WORDPRESS_IMPORT_MAX_UNPACKED_SIZE = 1024 * 1024
    with pytest.raises(ArchiveRefused, match="lebih besar dari 1,0"):
        uploads_archive_check(source)
    settings.WORDPRESS_IMPORT_MAX_UNPACKED_SIZE = 10 * 1024 * 1024
    settings.WORDPRESS_IMPORT_MAX_ARCHIVE_FILES = 3
    many = written(tmp_path, pack({f"uploads/{n}.jpg": b"x" for n in range(4)}), "banyak")
    with pytest.raises(ArchiveRefused, match="berisi 4 berkas"):
        uploads_archive_check(many)


def test_bad_archive_is_refused_on_the_form_with_nothing_stored(editor_client, home, disk):
    export = wxr_document(wxr_post(1))
    response = editor_client.post(INDEX, upload(export, archive=tar_of({"../x": b"x"})))
    assert response.status_code == 400
    assert "jalur di luar foldernya" in response.content.decode()
    response = editor_client.post(INDEX, upload(export, archive=b"PK", archive_name="foto.rar"))
    assert response.status_code == 400
    assert "bukan arsip .zip atau .tar.gz" in response.content.decode()
    response = editor_client.post(INDEX, upload(export, archive=b"bukan arsip"))
    assert response.status_code == 400
    assert "bukan arsip .zip atau .tar.gz" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert files_under(disk / "private") == []


def test_form_speaks_of_the_archive_not_of_command_line_options(editor_client, home):
    page = editor_client.get(INDEX).content.decode()
    assert 'name="media_archive"' in page and "Arsip unggahan (gambar)" in page
    assert "--media-dir" not in page and "--fetch-media" not in page


def test_missing_image_is_reported_in_editors_words(editor_client, home, disk):
    attachment = wxr_post(
        5,
        post_type="attachment",
        status="inherit",
        extra="<wp:attachment_url>http://lama.test/wp-content/uploads/2025/01/"
        "foto.jpg</wp:attachment_url>",
    )
    editor_client.post(INDEX, upload(wxr_document(attachment)))
    job = ImportJob.objects.get()
    reasons = " ".join(reason for _label, reason in job.summary["skipped"])
    assert "arsip unggahan" in reasons
    assert "--media-dir" not in reasons and "--fetch-media" not in reasons


def test_stalled_job_loses_its_files_too(editor_client, home, disk, settings):
    job = ImportJob.objects.create(
        export=private_storage.save("imports/2026/12/mati.xml", ContentFile(b"<rss/>")),
        export_name="mati.xml",
        status=ImportJob.Status.RUNNING,
    )
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=31))
    settings.WORDPRESS_IMPORT_STALL_MINUTES = 30
    editor_client.get(job.get_absolute_url())
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not job.export
    assert files_under(disk / "private") == []
