"""Exact invalidation: each change reaches every page that shows it, at once, and no other."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kabar.core.models import SiteSettings
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

# "Two hours ago" and "five minutes ago" must fall on one local day (see `midday`).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on", "midday")]


@pytest.fixture
def writer_author(db):
    return AuthorFactory(name="Rina Wartawan", slug="rina-wartawan")


@pytest.fixture
def story(section, writer_author):
    article = ArticlePageFactory(
        parent=section,
        title="Banjir melanda Bekasi",
        slug="banjir-melanda-bekasi",
        authors=[writer_author],
        first_published_at=timezone.now() - datetime.timedelta(hours=2),
    )
    article.tags.add("banjir")
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def local_archive_paths(moment) -> list[str]:
    local = timezone.localtime(moment)
    return [
        f"/{local:%Y}/",
        f"/{local:%Y}/{local:%m}/",
        f"/{local:%Y}/{local:%m}/{local:%d}/",
    ]


def warm(client, *urls):
    """Put each page in the cache and check that it is there."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def pages_of(story, section):
    return [
        "/",
        section.url,
        story.url,
        "/tag/banjir/",
        "/penulis/rina-wartawan/",
        *local_archive_paths(story.first_published_at),
        "/feed/",
        "/feed/atom/",
        f"/feed/rubrik/{section.slug}/",
        "/feed/tag/banjir/",
        "/feed/penulis/rina-wartawan/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]


def test_publishing_a_new_story_shows_it_at_once_everywhere(
    client, section, story, writer_author, django_capture_on_commit_callbacks
):
    warm(client, *pages_of(story, section))
    new = ArticlePageFactory(
        parent=section,
        title="Gempa kecil di Cianjur",
        slug="gempa-kecil-di-cianjur",
        live=False,
        authors=[writer_author],
        first_published_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    new.tags.add("banjir")
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    for url in pages_of(story, section):
        if url == story.url:
            continue
        response = client.get(url)
        assert response["X-Cache"] != "HIT", url
        if url != "/sitemap.xml":  # the index lists sitemaps, not stories
            assert (
                b"Gempa kecil di Cianjur" in response.content or b"gempa-kecil" in response.content
            ), url
    assert client.get(new.url).status_code == 200


def test_an_unrelated_story_stays_cached(
    client, home, section, story, django_capture_on_commit_callbacks
):
    other_section = SectionPageFactory(parent=home, title="Olahraga", slug="olahraga")
    elsewhere = ArticlePageFactory(
        parent=other_section,
        title="Timnas menang",
        slug="timnas-menang",
        first_published_at=timezone.now() - datetime.timedelta(days=40),
    )
    elsewhere.save_revision().publish()
    warm(client, story.url, elsewhere.url, section.url)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Banjir melanda Bekasi dan Karawang"
        story.save_revision().publish()
    assert client.get(elsewhere.url)["X-Cache"] == "HIT"
    assert b"dan Karawang" in client.get(story.url).content
    assert b"dan Karawang" in client.get(section.url).content


def test_editing_a_story_updates_its_page_listings_feeds_and_sitemaps(
    client, section, story, django_capture_on_commit_callbacks
):
    warm(client, *pages_of(story, section))
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Banjir besar melanda Bekasi"
        story.save_revision().publish()
    for url in pages_of(story, section):
        if url.startswith("/sitemap") and url != "/sitemap-news.xml":
            assert client.get(url)["X-Cache"] != "HIT", url  # sitemaps list URLs, not titles
            continue
        assert "Banjir besar melanda Bekasi" in client.get(url).content.decode(), url


def test_a_removed_tag_forgets_the_story(
    client, section, story, django_capture_on_commit_callbacks
):
    warm(client, "/tag/banjir/")
    with django_capture_on_commit_callbacks(execute=True):
        story.tags.set(["cuaca"])
        story.save_revision().publish()
    # No live story carries the tag any more: the page is gone, not a stale copy.
    assert client.get("/tag/banjir/").status_code == 404
    assert b"Banjir melanda Bekasi" in client.get("/tag/cuaca/").content


def test_unpublishing_removes_the_story_everywhere(
    client, section, story, django_capture_on_commit_callbacks
):
    warm(client, "/", section.url, story.url, "/feed/")
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert client.get(story.url).status_code == 404
    for url in ("/", section.url, "/feed/"):
        assert b"Banjir melanda Bekasi" not in client.get(url).content, url


def test_moving_a_story_updates_both_sections(
    client, home, section, story, django_capture_on_commit_callbacks
):
    other = SectionPageFactory(parent=home, title="Olahraga", slug="olahraga")
    old_url = story.url
    warm(client, section.url, other.url, old_url)
    with django_capture_on_commit_callbacks(execute=True):
        story.move(other, pos="last-child")
    story.refresh_from_db()
    assert b"Banjir melanda Bekasi" not in client.get(section.url).content
    assert b"Banjir melanda Bekasi" in client.get(other.url).content
    assert client.get(old_url)["X-Cache"] != "HIT"
    assert client.get(story.url).status_code == 200


def test_scheduled_publishing_purges_too(
    client, section, story, django_capture_on_commit_callbacks
):
    warm(client, "/")
    scheduled = ArticlePageFactory(
        parent=section, title="Berita terjadwal", slug="berita-terjadwal", live=False
    )
    scheduled.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.save_revision(approved_go_live_at=scheduled.go_live_at)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    assert b"Berita terjadwal" in client.get("/").content


def test_changing_site_settings_purges_every_page(
    client, section, story, django_capture_on_commit_callbacks
):
    warm(client, "/", story.url, "/tag/banjir/")
    settings_row = SiteSettings.for_site(story.get_site())
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.site_name = "Kabar Harapan Baru"
        settings_row.save()
    for url in ("/", story.url, "/tag/banjir/"):
        assert b"Kabar Harapan Baru" in client.get(url).content, url


def test_the_cdn_is_purged_in_the_background_with_every_address(
    cdn, section, story, django_capture_on_commit_callbacks
):
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Banjir besar"
        story.save_revision().publish()
    root = story.get_site().root_url
    for path in pages_of(story, section):
        assert f"{root}{path}" in cdn, path
    assert f"{root}/en{story.url}" in cdn
    assert f"{root}{section.url}?page=2" in cdn
    # Once: Wagtail's own receiver for published pages would purge the article again.
    assert cdn.count(f"{root}{story.url}") == 1


def test_a_settings_change_purges_the_whole_cdn(
    cdn, section, story, django_capture_on_commit_callbacks
):
    settings_row = SiteSettings.for_site(story.get_site())
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.tagline = "Tagline baru"
        settings_row.save()
    root = story.get_site().root_url
    assert f"{root}{story.url}" in cdn
    assert f"{root}/tag/banjir/" in cdn
    assert f"{root}/" in cdn


def test_a_failing_purge_never_fails_the_publish(
    client, section, story, monkeypatch, django_capture_on_commit_callbacks
):
    from kabar.news import invalidation

    warm(client, story.url)

    def broken(article):
        raise RuntimeError("boom")

    monkeypatch.setattr(invalidation, "article_paths", broken)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Banjir surut"
        story.save_revision().publish()
    story.refresh_from_db()
    assert story.title == "Banjir surut"
    assert b"Banjir surut" in client.get(story.url).content  # everything was purged instead


def test_wagtail_frontend_cache_stays_installed_for_the_redirects_purges():
    from django.apps import apps

    # wagtail.contrib.redirects purges a new redirect's old path only when it is installed.
    assert apps.is_installed("wagtail.contrib.frontend_cache")
