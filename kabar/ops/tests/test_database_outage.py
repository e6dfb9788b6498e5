"""While the database is away: cached pages are served, the rest gets a 503 that says why."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from kabar.news.tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def database_down():
    """Every new query fails as it would with the server stopped."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    )


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def test_cached_pages_are_served_and_the_rest_answer_503(reader, section):
    article = ArticlePageFactory(parent=section, title="Listrik padam di Jawa Timur")
    assert reader.get(article.url)["X-Cache"] == "MISS"

    with database_down():
        cached = reader.get(article.url)
        uncached = reader.get(section.url)
    assert (cached.status_code, cached["X-Cache"]) == (200, "HIT")
    assert "Listrik padam di Jawa Timur" in cached.content.decode()

    assert uncached.status_code == 503
    assert uncached["Retry-After"] == "30"
    assert "no-store" in uncached["Cache-Control"]
    page = uncached.content.decode()
    assert "Kami segera kembali" in page and "Silakan coba lagi dalam satu menit" in page
    assert '<html lang="id">' in page


def test_other_errors_are_still_500(reader, section, settings):
    with mock.patch("kabar.news.models.SectionPage.get_context", side_effect=RuntimeError("a bug")):
        response = reader.get(section.url)
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Terjadi kesalahan" in response.content.decode()


def test_a_comment_posted_while_the_database_is_down_is_handed_back(reader, section):
    article = ArticlePageFactory(parent=section)
    with database_down():
        response = reader.post(
            "/komentar/kirim/",
            {
                "article": article.pk,
                "body": "Teks saya tetap ada",
                "name": "Sari",
                "email": "sari@contoh.id",
                "started": "x",
            },  # fmt: skip
        )
    page = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "no-store" in response["Cache-Control"]
    assert "Komentar Anda belum tersimpan" in page and "Teks saya tetap ada" in page
    assert 'action="/komentar/kirim/"' in page and 'value="sari@contoh.id"' in page
