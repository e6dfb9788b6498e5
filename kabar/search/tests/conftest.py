import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory


def article_publish(section, *, tags=(), authors=(), days_ago=1, body=None, **fields):
    """A live article published the way editors do it, so tags and authors are indexed."""
    published = timezone.now() - datetime.timedelta(days=days_ago)
    if body is not None:
        fields["body"] = [("paragraph", f"<p>{body}</p>")]
    article = ArticlePageFactory(
        parent=section, first_published_at=published, last_published_at=published, **fields
    )
    for name in tags:
        article.tags.add(name)
    for author in authors:
        article.authorships.create(author=author)
    article.save_revision().publish()
    return article


@pytest.fixture
def publish(section):
    def make(title, parent=None, **fields):
        return article_publish(parent or section, title=title, **fields)

    return make


@pytest.fixture
def author():
    return AuthorFactory(name="Rina Kartika")


@pytest.fixture
def search(client, home):
    """GET the search page with the given parameters; returns the response."""

    def get(q=None, **params):
        if q is not None:
            params["q"] = q
        return client.get(reverse("search:search"), params)

    return get


def result_titles(response) -> list[str]:
    outcome = response.context.get("outcome")
    return [a.title for a in outcome.page.object_list] if outcome else []
