"""Feeds and sitemaps list only stories readers may see: none from a restricted section."""

import datetime

import pytest
from django.utils import timezone

from kabar.news.tests.factories import ArticlePageFactory
from kabar.news.tests.restricted import HIDDEN_TAG, HIDDEN_TITLE, restricted_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(home, section):
    shown = ArticlePageFactory(
        parent=section,
        title="Rapat terbuka dewan kota",
        slug="rapat-terbuka-dewan-kota",
        first_published_at=timezone.now() - datetime.timedelta(hours=2),
    )
    shown.tags.add(HIDDEN_TAG)
    shown.save_revision().publish()
    hidden = restricted_story(home, also_in=section)
    return shown, hidden


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/feed/rubrik/luar-negeri/",
        f"/feed/tag/{HIDDEN_TAG}/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ],
)
def test_feeds_and_sitemaps_leave_out_the_stories_of_a_restricted_section(client, stories, url):
    shown, hidden = stories
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert shown.slug in body, url
    assert hidden.slug not in body and HIDDEN_TITLE not in body, url


def test_a_restricted_sections_tags_authors_and_itself_stay_out_of_the_sitemaps(client, stories):
    _shown, hidden = stories
    hidden.tags.add("hanya-internal")
    hidden.save_revision().publish()
    assert "hanya-internal" not in client.get("/sitemap-tags.xml").content.decode()
    assert "penulis-tertutup" not in client.get("/sitemap-authors.xml").content.decode()
    assert "internal-redaksi" not in client.get("/sitemap-sections.xml").content.decode()
    # Its author's feed is empty, not a leak.
    assert HIDDEN_TITLE not in client.get("/feed/penulis/penulis-tertutup/").content.decode()
