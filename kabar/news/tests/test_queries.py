"""Every page type costs the same number of queries however many articles, tags and authors
it shows: nothing is fetched per card, per byline, per tag or per image."""

import datetime
import itertools

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kabar.news.models import ArticleAuthor, HomeTopStory, SectionPage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

DAY = datetime.datetime(2024, 10, 29, 3, 0, tzinfo=datetime.UTC)
serial = itertools.count()


def article_illustrated(parent, *, tags=2, authors=2, **fields):
    """A published article on DAY with a photo, several credited authors and tags."""
    n = next(serial)
    return ArticlePageFactory(
        parent=parent,
        title=f"Berita {n}",
        kicker="",
        featured_image=wagtail_factories.ImageFactory(),
        first_published_at=DAY + datetime.timedelta(minutes=n),
        # Photos are slow to make; one per article is enough to exercise their prefetch.
        authors=[
            AuthorFactory(photo=wagtail_factories.ImageFactory() if i == 0 else None)
            for i in range(authors)
        ],
        tags=[*(f"Topik {n}-{i}" for i in range(tags)), "Bersama"],
        **fields,
    )


def query_count(client, url) -> int:
    """Queries for one request, after a first one has made image renditions and warmed caches."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def newsroom(home, section):
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    # Besides the editors' two picks, one article for "Latest": an empty list would skip its
    # prefetch queries and make the first count look smaller than it is.
    articles = [
        article_illustrated(section),
        article_illustrated(economy),
        article_illustrated(section),
    ]
    home.lead_story = articles[0]
    home.save()
    HomeTopStory.objects.create(page=home, article=articles[1], sort_order=0)
    return {"home": home, "sections": [section, economy], "articles": articles}


def newsroom_grow(newsroom):
    """Many more articles, tags and authors, in the existing sections and a new, empty one.

    The home page reads each top-level section's newest ids with one small query (a fixed
    cost per section of the site's structure, not per article), so the new section is there,
    empty, before the first count.
    """
    home = newsroom["home"]
    sports = SectionPage.objects.filter(slug="olahraga").first() or SectionPageFactory(
        parent=home, title="Olahraga", slug="olahraga"
    )
    for parent in [*newsroom["sections"], sports]:
        for _ in range(3):
            article_illustrated(parent, tags=4, authors=3)
    HomeTopStory.objects.create(page=home, article=article_illustrated(sports), sort_order=1)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/luar-negeri/",
        "/tag/bersama/",
        "/penulis/",
        "/2024/",
        "/2024/10/",
        "/2024/10/29/",
        "/en/",
        "/en/luar-negeri/",
    ],
)
def test_listing_query_count_does_not_grow(client, newsroom, url):
    SectionPageFactory(parent=newsroom["home"], title="Olahraga", slug="olahraga")
    before = query_count(client, url)
    newsroom_grow(newsroom)
    assert query_count(client, url) == before


def test_author_page_query_count_does_not_grow(client, newsroom, section):
    author = newsroom["articles"][0].authorships.first().author
    url = author.get_absolute_url()
    before = query_count(client, url)
    for _ in range(5):
        article = article_illustrated(section, tags=3)
        ArticleAuthor.objects.create(article=article, author=author, role="editor", sort_order=9)
    assert query_count(client, url) == before


def test_article_query_count_does_not_grow_with_its_tags_or_authors(client, newsroom, section):
    few = article_illustrated(section, tags=1, authors=1)
    many = article_illustrated(section, tags=8, authors=5)
    many.secondary_sections.add(newsroom["sections"][1])
    few.secondary_sections.add(newsroom["sections"][1])
    many.save()
    few.save()
    assert query_count(client, many.url) == query_count(client, few.url)


def test_listing_shows_all_cards_it_counted(client, newsroom):
    # The fixed count above is only meaningful if the grown listing really shows the new cards.
    newsroom_grow(newsroom)
    html = client.get("/tag/bersama/").content.decode()
    assert html.count('class="card"') == 12 and 'href="?page=2"' in html
