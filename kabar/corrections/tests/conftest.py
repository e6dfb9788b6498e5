import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from kabar.news.tests.factories import ArticlePageFactory


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


def article_publish(section, *, body="", **fields):
    """A live article published as editors do it (a revision), so search indexes it."""
    published = timezone.now() - datetime.timedelta(days=1)
    if body:
        fields["body"] = [("paragraph", f"<p>{body}</p>")]
    article = ArticlePageFactory(
        parent=section, first_published_at=published, last_published_at=published, **fields
    )
    article.save_revision().publish()
    return article
