"""Parts of pages kept in the process (kabar.pagecache.fragments) with the page cache off: the
pages read the same, cost fewer queries, and every publish shows at once."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from kabar.core.models import SiteSettings
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory
from kabar.pagecache import store

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_fragments_on")]

# The footer's newsletter form carries a signed start time, new on every render.
SIGNED_START = re.compile(rb'name="started" value="[^"]*"')


@pytest.fixture
def story(section):
    article = ArticlePageFactory(
        parent=section,
        title="Banjir melanda Bekasi",
        slug="banjir-melanda-bekasi",
        authors=[AuthorFactory(name="Rina Wartawan")],
        first_published_at=timezone.now() - datetime.timedelta(hours=2),
    )
    article.tags.add("banjir")
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def addresses(story, section):
    return [story.url, "/", section.url, f"{section.url}?page=1", "/feed/", "/feed/atom/"]


def body(response) -> bytes:
    assert response.status_code == 200
    return SIGNED_START.sub(b"", response.content)


def test_pages_read_the_same_from_kept_fragments(client, settings, story, section):
    for url in addresses(story, section):
        settings.PAGE_FRAGMENT_SECONDS = 0
        fresh = body(client.get(url))
        settings.PAGE_FRAGMENT_SECONDS = 600
        built, kept = body(client.get(url)), body(client.get(url))
        assert fresh == built == kept, url


def test_a_kept_article_costs_fewer_queries(client, story, queries_of):
    built = queries_of(client, story.url)
    client.get("/")  # another page in between changes nothing
    kept = queries_of(client, story.url)
    # The page itself and its view restrictions: no byline, tags, related or most-read reads.
    assert len(kept) <= 3 < len(built)
    assert [sql for sql in built if "news_articleauthor" in sql]
    assert not [sql for sql in kept if "news_articleauthor" in sql]
    # From then on the page itself and the answer "no view restriction" are held too.
    assert queries_of(client, story.url) == []


def test_an_editor_reads_the_story_as_stored_now(client, editor, story, queries_of):
    client.force_login(editor)
    for _ in range(3):
        queries = queries_of(client, story.url)
    assert [sql for sql in queries if 'FROM "news_articlepage"' in sql]


def test_a_view_restriction_takes_a_kept_story_private_at_once(
    client, section, story, django_capture_on_commit_callbacks
):
    for url in [story.url, story.url, "/"]:
        assert b"Banjir melanda Bekasi" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
        )
        # This process knows before the change commits.
        assert b'name="password"' in client.get(story.url).content
    response = client.get(story.url)
    assert b'name="password"' in response.content
    assert b"Banjir melanda Bekasi" not in response.content
    assert "public" not in response.get("Cache-Control", "")
    assert b"Banjir melanda Bekasi" not in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert b'name="password"' not in client.get(story.url).content
    assert b"Banjir melanda Bekasi" in client.get("/").content


def test_the_kept_header_and_footer_show_a_new_site_name_at_once(
    client, story, django_capture_on_commit_callbacks
):
    client.get(story.url)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.site_name = "Kabar Baru Sekali"
        site_settings.save()
    html = client.get(story.url).content.decode()
    assert '<span class="brand__name">Kabar Baru Sekali</span>' in html
    assert '<p class="site-footer__name">Kabar Baru Sekali</p>' in html


def test_the_kept_newsletter_form_stays_off_the_newsletter_pages(client, story):
    assert 'class="newsletter-signup"' in client.get(story.url).content.decode()
    assert (
        'class="newsletter-signup"'
        not in client.get(reverse("newsletters:subscribe")).content.decode()
    )
    assert 'class="newsletter-signup"' in client.get("/").content.decode()


def test_publishing_an_edit_shows_at_once_everywhere(
    client, story, section, django_capture_on_commit_callbacks
):
    for url in addresses(story, section):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Banjir besar melanda Bekasi"
        story.save_revision().publish()
    for url in addresses(story, section):
        assert b"Banjir besar melanda Bekasi" in client.get(url).content, url


def test_a_purge_by_another_process_is_seen_on_the_next_request(client, story):
    client.get(story.url)
    # Another process's change: the row changes and that process purges (a new generation).
    ArticlePage.objects.filter(pk=story.pk).update(kicker="Eksklusif")
    assert b"Eksklusif" not in client.get(story.url).content  # kept, nothing purged yet
    store.generation_next()
    assert b"Eksklusif" in client.get(story.url).content


def test_a_new_story_reaches_the_front_page_and_feed_at_once(
    client, section, story, django_capture_on_commit_callbacks
):
    for url in ["/", section.url, "/feed/"]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        new = ArticlePageFactory(
            parent=section, title="Gempa kecil di Cianjur", slug="gempa-kecil", live=False
        )
        new.save_revision().publish()
    for url in ["/", section.url, "/feed/"]:
        assert b"Gempa kecil di Cianjur" in client.get(url).content, url


def test_unpublishing_a_story_makes_it_gone_at_once(
    client, section, story, django_capture_on_commit_callbacks
):
    client.get(story.url), client.get(section.url)
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert client.get(story.url).status_code == 404
    assert b"Banjir melanda Bekasi" not in client.get(section.url).content


def test_a_preview_never_uses_kept_fragments(client, editor, story):
    client.get(story.url)
    story.title = "Judul draf yang belum terbit"
    story.save_revision()
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{story.pk}/view_draft/")
    assert b"Judul draf yang belum terbit" in preview.content
    client.logout()
    assert b"Judul draf yang belum terbit" not in client.get(story.url).content
