"""Fixtures for the feed, sitemap and head-tag tests."""

import datetime
from pathlib import Path

import pytest
import wagtail_factories
from django.core.cache import cache
from django.utils import timezone

from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def cache_empty():
    """Sitemaps sit behind cache_page; each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(
        title="Juru bicara Kementerian Luar Negeri China",
        file__width=1600,
        file__height=900,
        file__filename="mao-ning.jpg",
        file__format="JPEG",
    )


@pytest.fixture
def lead_article(section, image):
    """The seed story: dated, tagged, illustrated and written by two journalists."""
    published = datetime.datetime(
        2024, 10, 30, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    return ArticlePageFactory(
        parent=section,
        title="China minta semua menahan diri soal pengerahan tentara Korut ke Rusia",
        slug="china-minta-semua-menahan-diri",
        summary="China meminta semua pihak menahan diri.",
        dateline_place="Beijing",
        dateline_agency="ANTARA",
        featured_image=image,
        featured_image_caption="Juru bicara Mao Ning.",
        featured_image_credit="ANTARA/Desca Lidya Natalia",
        first_published_at=published,
        last_published_at=published + datetime.timedelta(hours=2),
        authors=[AuthorFactory(name="Desca Lidya Natalia"), AuthorFactory(name="Rahmad Nasution")],
        tags=["China", "Korea Utara", "Rusia", "Ukraina"],
    )


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)
