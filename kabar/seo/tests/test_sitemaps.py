import datetime

import pytest
import xmlschema
from django.core.cache import cache
from django.urls import reverse
from lxml import etree
from wagtail.models import Site

from kabar.core.models import SiteSettings
from kabar.news.models import StandardPage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

from .conftest import FILES, hours_ago

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SITEMAP_NAMES = ["articles", "sections", "tags", "authors", "pages"]


@pytest.fixture(scope="module")
def index_schema():
    return xmlschema.XMLSchema(str(FILES / "siteindex.xsd"))


@pytest.fixture(scope="module")
def urlset_schema():
    # The local driver imports sitemap.xsd and Google's extensions so that the strict
    # ##other wildcard in <url> validates image:image and news:news too.
    return xmlschema.XMLSchema(str(FILES / "sitemap-all.xsd"))


def xml_get(client, url, schema):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    schema.validate(response.content.decode())
    return etree.fromstring(response.content)


def locs(tree, path="sm:url/sm:loc"):
    return [el.text for el in tree.xpath(path, namespaces=NS)]


@pytest.fixture
def newsroom(section, lead_article):
    """A small site: articles (one draft), an author, a standard page."""
    ArticlePageFactory(
        parent=section,
        title="Draf",
        slug="draf",
        live=False,
        tags=["Rahasia"],
        authors=[AuthorFactory(name="Belum Terbit")],
    )
    ArticlePageFactory(
        parent=section,
        title="Harga minyak",
        slug="harga-minyak",
        tags=["Ekonomi"],
        first_published_at=hours_ago(3),
    )
    about = StandardPage(title="Tentang kami", slug="tentang-kami")
    section.get_parent().add_child(instance=about)
    about.save_revision().publish()
    return lead_article


def test_sitemap_index_is_valid_and_names_every_child_sitemap(
    client, newsroom, index_schema, urlset_schema
):
    tree = xml_get(client, reverse("seo:sitemap_index"), index_schema)
    children = locs(tree, "sm:sitemap/sm:loc")
    assert children == [f"http://testserver/sitemap-{name}.xml" for name in SITEMAP_NAMES]
    assert len(tree.xpath("sm:sitemap/sm:lastmod", namespaces=NS)) == len(children)
    for child in children:
        child_tree = xml_get(client, child.removeprefix("http://testserver"), urlset_schema)
        urls = child_tree.xpath("sm:url", namespaces=NS)
        assert urls, child
        for url in urls:
            assert url.find("sm:lastmod", NS) is not None, etree.tostring(url)


def test_articles_sitemap_lists_live_articles_with_their_images(client, newsroom, urlset_schema):
    tree = xml_get(client, reverse("seo:sitemap", kwargs={"section": "articles"}), urlset_schema)
    assert locs(tree) == [
        "http://testserver/luar-negeri/china-minta-semua-menahan-diri/",
        "http://testserver/luar-negeri/harga-minyak/",
    ]
    image_locs = tree.xpath("sm:url[1]/image:image/image:loc/text()", namespaces=NS)
    assert image_locs == [f"http://testserver{newsroom.featured_image.file.url}"]
    assert tree.xpath("sm:url[2]/image:image", namespaces=NS) == []
    lastmod = tree.xpath("sm:url[1]/sm:lastmod/text()", namespaces=NS)[0]
    assert datetime.datetime.fromisoformat(lastmod) == newsroom.last_published_at


def test_sections_tags_authors_and_pages_sitemaps(client, newsroom, urlset_schema):
    def section_locs(name):
        url = reverse("seo:sitemap", kwargs={"section": name})
        return locs(xml_get(client, url, urlset_schema))

    assert section_locs("sections") == ["http://testserver/luar-negeri/"]
    assert section_locs("tags") == [
        f"http://testserver/tag/{slug}/"
        for slug in ["china", "ekonomi", "korea-utara", "rusia", "ukraina"]
    ]
    assert section_locs("authors") == [
        "http://testserver/penulis/desca-lidya-natalia/",
        "http://testserver/penulis/rahmad-nasution/",
    ]
    assert section_locs("pages") == ["http://testserver/", "http://testserver/tentang-kami/"]


def test_section_and_home_lastmod_follow_their_newest_article(client, newsroom, urlset_schema):
    fresh = ArticlePageFactory(
        parent=newsroom.get_parent(), title="Terbaru", first_published_at=hours_ago(0.1)
    )
    for name in ("sections", "pages"):
        tree = xml_get(client, reverse("seo:sitemap", kwargs={"section": name}), urlset_schema)
        lastmod = tree.xpath("sm:url[1]/sm:lastmod/text()", namespaces=NS)[0]
        assert datetime.datetime.fromisoformat(lastmod) == fresh.last_published_at.replace(
            microsecond=0
        )


def test_sitemaps_paginate_at_the_configured_size(
    client, newsroom, settings, index_schema, urlset_schema
):
    settings.SEO_SITEMAP_PAGE_SIZE = 2
    for n in range(3):
        ArticlePageFactory(parent=newsroom.get_parent(), slug=f"tambahan-{n}")
    tree = xml_get(client, reverse("seo:sitemap_index"), index_schema)
    article_pages = [loc for loc in locs(tree, "sm:sitemap/sm:loc") if "articles" in loc]
    assert article_pages == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    seen = []
    for page in article_pages:
        page_tree = xml_get(client, page.removeprefix("http://testserver"), urlset_schema)
        assert 1 <= len(locs(page_tree)) <= 2
        seen += locs(page_tree)
    assert len(seen) == len(set(seen)) == 5


def test_sitemap_page_size_never_exceeds_the_protocol_limit(settings):
    from kabar.seo.sitemaps import PROTOCOL_MAX_URLS, sitemap_page_size

    settings.SEO_SITEMAP_PAGE_SIZE = 10**6
    assert sitemap_page_size() == PROTOCOL_MAX_URLS == 50_000


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-articles.xml?p=9",
        "/sitemap-articles.xml?p=0",
        "/sitemap-articles.xml?p=abc",
        "/sitemap-tidak-ada.xml",
        "/sitemap-authors.xml",
    ],
)
def test_bad_sitemap_addresses_are_404(client, section, url):
    # The section has no article yet, so there are no authors either.
    ArticlePageFactory(parent=section, authors=[])
    assert client.get(url).status_code == 404


@pytest.mark.usefixtures("page_cache_on")
def test_sitemaps_are_cached_until_a_publish_purges_them(
    client, newsroom, django_capture_on_commit_callbacks
):
    url = reverse("seo:sitemap", kwargs={"section": "articles"})
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "s-maxage=600" in first["Cache-Control"]
    assert client.get(url)["X-Cache"] == "HIT"
    later = ArticlePageFactory(parent=newsroom.get_parent(), slug="sesudah-cache", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        later.save_revision().publish()
    assert b"sesudah-cache" in client.get(url).content


def test_news_sitemap_lists_only_the_last_48_hours_live_articles(client, section, urlset_schema):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(), defaults={"site_name": "Kabar Harapan Daring"}
    )
    recent = ArticlePageFactory(
        parent=section,
        title="Gempa di Sulawesi",
        slug="gempa",
        first_published_at=hours_ago(2),
        tags=["Gempa", "Sulawesi"],
    )
    ArticlePageFactory(
        parent=section, title="Kemarin", slug="kemarin", first_published_at=hours_ago(30)
    )
    ArticlePageFactory(parent=section, title="Lama", slug="lama", first_published_at=hours_ago(49))
    ArticlePageFactory(
        parent=section, title="Draf", slug="draf", live=False, first_published_at=hours_ago(1)
    )
    tree = xml_get(client, reverse("seo:news_sitemap"), urlset_schema)
    assert locs(tree) == [
        "http://testserver/luar-negeri/gempa/",
        "http://testserver/luar-negeri/kemarin/",
    ]
    news = tree.xpath("sm:url[1]/news:news", namespaces=NS)[0]

    def text(path):
        return news.xpath(path, namespaces=NS)[0].text

    assert text("news:publication/news:name") == "Kabar Harapan Daring"
    assert text("news:publication/news:language") == "id"
    assert text("news:title") == "Gempa di Sulawesi"
    assert text("news:keywords") == "Gempa, Sulawesi"
    published = datetime.datetime.fromisoformat(text("news:publication_date"))
    assert published == recent.first_published_at.replace(microsecond=0)
    assert published.utcoffset() == datetime.timedelta(hours=7)


def test_news_sitemap_carries_each_story_s_photo(client, section, image, urlset_schema):
    ArticlePageFactory(
        parent=section, slug="gempa", featured_image=image, first_published_at=hours_ago(2)
    )
    tree = xml_get(client, reverse("seo:news_sitemap"), urlset_schema)
    assert locs(tree, "sm:url/image:image/image:loc") == [f"http://testserver{image.file.url}"]


def test_news_sitemap_without_a_recent_story_is_still_valid(client, section, urlset_schema):
    ArticlePageFactory(parent=section, slug="lama", first_published_at=hours_ago(49))
    # The official schema refuses an empty urlset; validated both ways to be sure.
    tree = xml_get(client, reverse("seo:news_sitemap"), urlset_schema)
    xmlschema.XMLSchema(str(FILES / "sitemap.xsd")).validate(etree.tostring(tree).decode())
    assert locs(tree) == ["http://testserver/"]
    assert tree.xpath("//news:news", namespaces=NS) == []


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Disallow: {reverse('search:search')}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_sitemap_queries_do_not_grow_with_the_number_of_articles(client, section, image):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [reverse("seo:sitemap", kwargs={"section": s}) for s in SITEMAP_NAMES]
    urls += [reverse("seo:sitemap_index"), reverse("seo:news_sitemap")]
    ArticlePageFactory(
        parent=section, featured_image=image, tags=["Satu"], authors=[AuthorFactory()]
    )
    client.get(urls[0])  # the process reads its site's settings once (kabar.core.site_data)
    baseline = [queries(url) for url in urls]
    for n in range(5):
        ArticlePageFactory(
            parent=section, featured_image=image, tags=[f"Tag {n}"], authors=[AuthorFactory()]
        )
    assert [queries(url) for url in urls] == baseline
