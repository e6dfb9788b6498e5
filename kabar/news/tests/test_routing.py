"""Addresses found in one query (kabar.news.routing) lead where Wagtail's walk would."""

import pytest

from kabar.news.models import ArticlePage
from kabar.news.routing import routes_forget
from kabar.news.tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_remembered_routes():
    routes_forget()
    yield
    routes_forget()


@pytest.fixture
def story(section):
    article = ArticlePageFactory(parent=section, title="Banjir melanda Bekasi", slug="banjir")
    return ArticlePage.objects.get(pk=article.pk)


def child_lookups(queries: list[str]) -> int:
    """How many queries looked a page up by its slug under its parent, as Wagtail's walk does."""
    return len([sql for sql in queries if '"wagtailcore_page"."slug" =' in sql])


def test_a_known_address_reads_only_its_page(client, story, queries_of):
    assert child_lookups(queries_of(client, story.url)) == 2  # the section, then the story
    assert child_lookups(queries_of(client, story.url)) == 0


def test_a_renamed_story_answers_at_its_new_address_only(client, story):
    client.get(story.url)
    old_url = story.url
    story.slug = "banjir-besar"
    story.save_revision().publish()
    story.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert b"Banjir melanda Bekasi" in client.get(story.url).content


def test_an_unpublished_story_is_gone(client, story):
    client.get(story.url)
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_a_moved_story_answers_at_its_new_address_and_its_old_one_is_reused(
    client, home, section, story
):
    old_url = story.url
    client.get(old_url)
    other = SectionPageFactory(parent=home, title="Daerah", slug="daerah")
    story.move(other, pos="last-child")
    story.refresh_from_db()
    # Wagtail's redirects app sends the old address on; the page itself is not found there.
    assert client.get(old_url, follow=True).redirect_chain == [(story.url, 301)]
    # A new story now takes the old address.
    newcomer = ArticlePageFactory(parent=section, title="Pengganti", slug="banjir")
    assert newcomer.url == old_url
    assert b"Pengganti" in client.get(old_url).content
