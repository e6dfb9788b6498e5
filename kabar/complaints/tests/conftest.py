"""Fixtures for the complaint tests: an article, a private folder, and form data a browser sends."""

import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from kabar.complaints.forms import STARTED_SALT
from kabar.core.antispam import form_started_issue
from kabar.news.tests.factories import ArticlePageFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_state(settings, tmp_path):
    """A clean cache and attachments in a folder of the test's own."""
    settings.COMPLAINTS_ATTACHMENT_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section, title="Proyek jalan tol molor", slug="proyek-jalan-tol-molor"
    )


def started_token(seconds_ago: int = 60) -> str:
    """A form's own start token, handed out `seconds_ago`; each call makes a new one."""
    return form_started_issue(
        salt=STARTED_SALT, subject="complaint", started=int(time.time()) - seconds_ago
    )


def pdf_upload(name="surat.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def complaint_data(**overrides) -> dict:
    """What a complainant's browser posts from the form under an article."""
    data = {
        "kind": "hak_jawab",
        "name": "PT Jalan Lancar",
        "email": "humas@jalanlancar.co.id",
        "phone": "",
        "disputed": "Berita menyebut proyek molor dua tahun.",
        "response": "Proyek molor delapan bulan karena pembebasan lahan.",
        "started": started_token(),
        "alamat_kantor": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
