import calendar

import feedparser
import pytest
from django.urls import resolve, reverse
from django.utils.http import http_date
from lxml import etree
from wagtail.models import Site

from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory
from kabar.seo.models import FeedSettings

from .conftest import FILES, hours_ago

FEEDS = [
    ("seo:rss", {}),
    ("seo:atom", {}),
    ("seo:section_rss", {"key": "luar-negeri"}),
    ("seo:section_atom", {"key": "luar-negeri"}),
    ("seo:tag_rss", {"key": "china"}),
    ("seo:tag_atom", {"key": "china"}),
    ("seo:author_rss", {"key": "desca-lidya-natalia"}),
    ("seo:author_atom", {"key": "desca-lidya-natalia"}),
]


def feed_settings_set(**fields):
    FeedSettings.objects.update_or_create(site=Site.objects.get(), defaults=fields)


def feed_get(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, response.content
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_every_feed_parses_cleanly_and_lists_the_article(client, lead_article, name, kwargs):
    response, parsed = feed_get(client, name, **kwargs)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if "atom" in name else "rss20")
    assert [e.title for e in parsed.entries] == [lead_article.title]
    assert parsed.entries[0].link == f"http://testserver{lead_article.url}"
    assert parsed.feed.language == "id"


@pytest.mark.parametrize("name", ["seo:atom", "seo:tag_atom", "seo:author_atom"])
def test_atom_feeds_are_valid_against_the_rfc_4287_schema(client, lead_article, name):
    kwargs = (
        {"key": {"seo:tag_atom": "china", "seo:author_atom": "desca-lidya-natalia"}[name]}
        if name != "seo:atom"
        else {}
    )
    feed_settings_set(content=FeedSettings.Content.FULL)
    body = client.get(reverse(name, kwargs=kwargs)).content
    schema = etree.RelaxNG(etree.parse(str(FILES / "atom.rng")))
    document = etree.fromstring(body)
    assert schema.validate(document), schema.error_log


def test_feed_lists_live_articles_only_newest_first(client, section):
    older = ArticlePageFactory(
        parent=section, title="Banjir surut di Jakarta", first_published_at=hours_ago(5)
    )
    newer = ArticlePageFactory(
        parent=section, title="Harga beras turun", first_published_at=hours_ago(1)
    )
    ArticlePageFactory(parent=section, title="Draf yang belum terbit", live=False)
    gone = ArticlePageFactory(parent=section, title="Berita yang ditarik")
    gone.unpublish()
    for name in ("seo:rss", "seo:atom"):
        _response, parsed = feed_get(client, name)
        assert [e.title for e in parsed.entries] == [newer.title, older.title]


def test_feed_dates_carry_the_jakarta_offset_and_the_right_instant(client, lead_article):
    rss, parsed_rss = feed_get(client, "seo:rss")
    atom, parsed_atom = feed_get(client, "seo:atom")
    assert b"<pubDate>Wed, 30 Oct 2024 10:00:00 +0700</pubDate>" in rss.content
    assert b"<published>2024-10-30T10:00:00+07:00</published>" in atom.content
    assert b"<updated>2024-10-30T12:00:00+07:00</updated>" in atom.content
    instant = lead_article.first_published_at.timestamp()
    assert calendar.timegm(parsed_rss.entries[0].published_parsed) == instant
    assert calendar.timegm(parsed_atom.entries[0].published_parsed) == instant
    assert (
        calendar.timegm(parsed_atom.entries[0].updated_parsed)
        == lead_article.last_published_at.timestamp()
    )


def test_feed_carries_the_featured_image_as_enclosure_and_media_content(client, lead_article):
    image = lead_article.featured_image
    for name in ("seo:rss", "seo:atom"):
        _response, parsed = feed_get(client, name)
        entry = parsed.entries[0]
        enclosure = entry.enclosures[0]
        assert enclosure.href == f"http://testserver{image.file.url}"
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == image.file.size > 0
        media = entry.media_content[0]
        assert media["url"] == enclosure.href
        assert (media["width"], media["height"]) == (str(image.width), str(image.height))
        assert entry.media_credit[0]["content"] == "ANTARA/Desca Lidya Natalia"


def test_feed_names_authors_and_categories(client, lead_article):
    _rss, parsed_rss = feed_get(client, "seo:rss")
    _atom, parsed_atom = feed_get(client, "seo:atom")
    for entry in (parsed_rss.entries[0], parsed_atom.entries[0]):
        assert [a.name for a in entry.authors] == ["Desca Lidya Natalia", "Rahmad Nasution"]
        assert [t.term for t in entry.tags] == [
            "Luar Negeri",
            "China",
            "Korea Utara",
            "Rusia",
            "Ukraina",
        ]
    assert (
        parsed_atom.entries[0].authors[0].href == "http://testserver/penulis/desca-lidya-natalia/"
    )


def test_feed_guid_stays_the_same_when_the_slug_changes(client, lead_article):
    _response, before = feed_get(client, "seo:rss")
    lead_article.slug = "china-serukan-semua-pihak-menahan-diri"
    lead_article.save_revision().publish()
    _response, after = feed_get(client, "seo:rss")
    assert after.entries[0].link.endswith("/china-serukan-semua-pihak-menahan-diri/")
    assert after.entries[0].id == before.entries[0].id
    assert before.entries[0].guidislink is False


def test_feed_gives_summary_or_full_text_as_the_site_setting_says(client, section):
    ArticlePageFactory(
        parent=section,
        summary="Ringkasan singkat.",
        body=[("paragraph", '<p>Isi <a href="/luar-negeri/">lengkap</a> berita.</p>')],
    )
    _response, parsed = feed_get(client, "seo:rss")
    assert parsed.entries[0].summary == "Ringkasan singkat."
    assert "content" not in parsed.entries[0]

    feed_settings_set(content=FeedSettings.Content.FULL)
    for name in ("seo:rss", "seo:atom"):
        _response, parsed = feed_get(client, name)
        content = parsed.entries[0].content[0].value
        assert "Isi" in content and "berita." in content
        # Links inside the body are made absolute so feed readers can follow them.
        assert 'href="http://testserver/luar-negeri/"' in content


def test_summary_falls_back_to_the_start_of_the_body(client, section):
    ArticlePageFactory(
        parent=section, summary="", body=[("paragraph", "<p>Kalimat pembuka berita.</p>")]
    )
    _response, parsed = feed_get(client, "seo:rss")
    assert parsed.entries[0].summary == "Kalimat pembuka berita."


def test_feed_item_count_follows_the_site_setting(client, section):
    for n in range(4):
        ArticlePageFactory(parent=section, first_published_at=hours_ago(n + 1))
    feed_settings_set(item_count=3)
    _response, parsed = feed_get(client, "seo:atom")
    assert len(parsed.entries) == 3


def test_section_feed_includes_subsections_and_secondary_listings(client, home, section):
    asia = SectionPageFactory(parent=section, title="Asia", slug="asia")
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    in_asia = ArticlePageFactory(
        parent=asia, title="Pemilu di Jepang", first_published_at=hours_ago(2)
    )
    listed = ArticlePageFactory(
        parent=economy, title="Ekspor ke China naik", first_published_at=hours_ago(1)
    )
    listed.secondary_sections.add(section)
    listed.save()
    ArticlePageFactory(parent=economy, title="Inflasi melandai")
    _response, parsed = feed_get(client, "seo:section_rss", key="luar-negeri")
    assert [e.title for e in parsed.entries] == [listed.title, in_asia.title]
    _response, nested = feed_get(client, "seo:section_atom", key="luar-negeri/asia")
    assert [e.title for e in nested.entries] == [in_asia.title]
    assert nested.feed.title == "Asia – Kabar Harapan"


def test_tag_and_author_feeds_list_only_their_articles(client, section, lead_article):
    other_author = AuthorFactory(name="Sri Haryati")
    ArticlePageFactory(
        parent=section, title="Bursa saham menguat", tags=["Ekonomi"], authors=[other_author]
    )
    _response, by_tag = feed_get(client, "seo:tag_rss", key="china")
    _response, by_author = feed_get(client, "seo:author_atom", key="sri-haryati")
    assert [e.title for e in by_tag.entries] == [lead_article.title]
    assert [e.title for e in by_author.entries] == ["Bursa saham menguat"]


@pytest.mark.parametrize(
    "url",
    [
        "/feed/rubrik/tidak-ada/",
        "/feed/atom/rubrik/luar-negeri/tidak-ada/",
        "/feed/tag/tidak-ada/",
        "/feed/atom/tag/tidak-ada/",
        "/feed/penulis/tidak-ada/",
        "/feed/atom/penulis/tidak-ada/",
        "/feed/tag/%3Cscript%3E/",
        "/feed/rubrik/../../etc/passwd/",
    ],
)
def test_unknown_feed_subjects_are_404(client, section, url):
    assert client.get(url).status_code == 404


def test_feed_answers_304_to_a_reader_with_the_current_copy(client, lead_article):
    for name in ("seo:rss", "seo:atom"):
        first = client.get(reverse(name))
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        assert modified == http_date(lead_article.last_published_at.timestamp())
        assert client.get(reverse(name), headers={"if-none-match": etag}).status_code == 304
        assert client.get(reverse(name), headers={"if-modified-since": modified}).status_code == 304
        stale = http_date(lead_article.last_published_at.timestamp() - 3600)
        assert client.get(reverse(name), headers={"if-modified-since": stale}).status_code == 200


def test_feed_etag_changes_when_an_article_is_published_or_withdrawn(client, section, lead_article):
    etag = client.get(reverse("seo:rss")).headers["ETag"]
    fresh = ArticlePageFactory(
        parent=section, title="Berita terbaru", first_published_at=hours_ago(0.5)
    )
    response = client.get(reverse("seo:rss"), headers={"if-none-match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    etag = response.headers["ETag"]
    fresh.unpublish()
    response = client.get(reverse("seo:rss"), headers={"if-none-match": etag})
    assert response.status_code == 200 and b"Berita terbaru" not in response.content


def test_feed_etag_changes_with_the_feed_settings(client, lead_article):
    etag = client.get(reverse("seo:rss")).headers["ETag"]
    feed_settings_set(content=FeedSettings.Content.FULL)
    assert client.get(reverse("seo:rss"), headers={"if-none-match": etag}).status_code == 200


def test_feed_queries_do_not_grow_with_the_number_of_articles(client, section, image):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_feed():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("seo:rss")).status_code == 200
        return len(captured)

    for n in range(2):
        ArticlePageFactory(
            parent=section, tags=[f"Topik {n}"], featured_image=image, authors=[AuthorFactory()]
        )
    queries_for_feed()  # the first request records the image's file size
    baseline = queries_for_feed()
    for n in range(6):
        ArticlePageFactory(
            parent=section,
            tags=[f"Lain {n}", f"Tambahan {n}"],
            featured_image=image,
            authors=[AuthorFactory(), AuthorFactory()],
        )
    assert queries_for_feed() == baseline


def test_feed_descriptions_are_indonesian(client, lead_article):
    _response, parsed = feed_get(client, "seo:tag_rss", key="china")
    assert parsed.feed.description == "Berita terbaru bertag China dari Kabar Harapan."


def test_relative_links_and_image_sources_become_absolute():
    from kabar.seo.feeds import html_absolutize

    html = (
        '<a href="/luar-negeri/">x</a><a href="https://antaranews.com/">y</a>'
        '<img src="/media/a.jpg" srcset="/media/a.jpg 320w, /media/b.jpg 640w">'
        '<a href="//cdn.example/x">z</a>'
    )
    assert html_absolutize(html, "https://kabarharapan.id/berita/") == (
        '<a href="https://kabarharapan.id/luar-negeri/">x</a><a href="https://antaranews.com/">y</a>'
        '<img src="https://kabarharapan.id/media/a.jpg" '
        'srcset="https://kabarharapan.id/media/a.jpg 320w, '
        'https://kabarharapan.id/media/b.jpg 640w">'
        '<a href="//cdn.example/x">z</a>'
    )


def django_writes(url, name) -> bytes:
    """The feed as Django's own Feed.__call__ writes it, element by element into the response."""
    from django.contrib.syndication.views import Feed
    from django.test import RequestFactory

    from kabar.seo.feeds import ArticlesAtomFeed, ArticlesFeed
    from kabar.seo.selectors import feed_scope_get

    request = RequestFactory().get(url)
    scope = feed_scope_get(request=request, **resolve(url).kwargs)
    feed = ArticlesAtomFeed() if "atom" in name else ArticlesFeed()
    return Feed.__call__(feed, request, scope=scope).content


@pytest.mark.parametrize("content", FeedSettings.Content.values)
@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_a_kept_feed_is_the_document_django_writes(
    client, settings, page_fragments_on, section, lead_article, name, kwargs, content
):
    ArticlePageFactory(
        parent=section,
        title='Harga "beras" & <gula> naik',
        summary="",
        body=[("paragraph", '<p>Isi <a href="/luar-negeri/">lengkap</a> & "kutipan".</p>')],
        authors=[lead_article.authorships.first().author],
        tags=["China"],
        first_published_at=hours_ago(1),
    )
    feed_settings_set(content=content)
    url = reverse(name, kwargs=kwargs)
    settings.PAGE_FRAGMENT_SECONDS = 0
    fresh = client.get(url)
    settings.PAGE_FRAGMENT_SECONDS = 600
    built, kept = client.get(url), client.get(url)
    assert fresh.content == built.content == kept.content == django_writes(url, name)
    assert len(feedparser.parse(kept.content).entries) == 2
    for header in ("ETag", "Last-Modified", "Content-Type"):
        assert fresh.headers[header] == built.headers[header] == kept.headers[header]


def test_a_kept_feed_answers_304_and_changes_at_the_next_publish(
    client, page_fragments_on, section, lead_article, django_capture_on_commit_callbacks
):
    etag = client.get(reverse("seo:rss")).headers["ETag"]
    assert client.get(reverse("seo:rss"), headers={"if-none-match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        fresh = ArticlePageFactory(parent=section, title="Berita terbaru", live=False)
        fresh.save_revision().publish()
    response = client.get(reverse("seo:rss"), headers={"if-none-match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    assert b"Berita terbaru" in response.content
