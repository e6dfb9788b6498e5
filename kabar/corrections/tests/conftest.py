import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from kabar.news.tests.factories import ArticlePageFactory


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Indonesian (a request under /en/ leaves English active)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def cache_empty():
    """Sitemaps sit behind cache_page; each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section, title="Gempa di Cianjur", slug="gempa-cianjur", summary="Gempa kuat."
    )
