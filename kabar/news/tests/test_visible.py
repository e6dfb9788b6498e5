"""ArticlePage.objects.visible(): the one definition of an article readers may see, and every
news listing built on it leaving out the stories of a restricted section."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kabar.news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory
from .restricted import HIDDEN_AUTHOR, HIDDEN_TAG, HIDDEN_TITLE, restricted_story

# Stories an hour or two old must share the local day of the archives checked (see `midday`).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("midday")]


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def test_visible_is_live_and_public_newest_first(home, section):
    older = ArticlePageFactory(parent=section, first_published_at=hours_ago(5))
    newer = ArticlePageFactory(parent=section, first_published_at=hours_ago(2))
    ArticlePageFactory(parent=section, live=False)
    locked = ArticlePageFactory(parent=section, first_published_at=hours_ago(3))
    PageViewRestriction.objects.create(page=locked, restriction_type=PageViewRestriction.LOGIN)
    restricted_story(home, also_in=section)

    assert list(ArticlePage.objects.visible()) == [newer, older]


@pytest.fixture
def public_story(section):
    """A public story sharing the hidden one's tag, archive days and an author's index."""
    story = ArticlePageFactory(
        parent=section,
        title="Rapat terbuka dewan kota",
        first_published_at=hours_ago(2),
        authors=[AuthorFactory(name="Rina Terbuka", slug="rina-terbuka")],
    )
    story.tags.add(HIDDEN_TAG)
    story.save_revision().publish()
    return story


def test_no_news_listing_shows_a_story_of_a_restricted_section(client, home, section, public_story):
    hidden = restricted_story(home, also_in=section)
    day = timezone.localtime(hidden.first_published_at)
    listings = [
        "/",
        section.url,  # the hidden story is listed here as a secondary story
        f"/tag/{HIDDEN_TAG}/",
        "/penulis/rina-terbuka/",
        f"/{day:%Y}/",
        f"/{day:%Y}/{day:%m}/",
        f"/{day:%Y}/{day:%m}/{day:%d}/",
    ]
    for url in listings:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert public_story.title in html, url
        assert HIDDEN_TITLE not in html, url
    # Credited only on the hidden story: no page of their own, and not in the index.
    assert client.get("/penulis/penulis-tertutup/").context["articles"].paginator.count == 0
    assert HIDDEN_AUTHOR not in client.get("/penulis/").content.decode()
    # The story itself asks for the password.
    assert HIDDEN_TITLE not in client.get(hidden.url).content.decode()
