"""With SITE_URL set, every absolute URL in heads, feeds, sitemaps and robots.txt starts with it,
whatever host the request came in on; without it, the request's host is used."""

import json

from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html

from kabar.core.addresses import absolute_url, url_rebase

PUBLIC = "https://kabarharapan.id"
ARTICLE_PATH = "/luar-negeri/china-minta-semua-menahan-diri/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def page_doc(client, url, host="internal:8000"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, response.content[:500]
    return lxml_html.fromstring(response.content)


@override_settings(SITE_URL=PUBLIC + "/")
def test_article_head_uses_site_url_for_canonical_og_url_and_json_ld(client, lead_article):
    doc = page_doc(client, lead_article.url)
    canonical = PUBLIC + ARTICLE_PATH
    assert doc.xpath('//link[@rel="canonical"]/@href') == [canonical]
    assert doc.xpath('//meta[@property="og:url"]/@content') == [canonical]
    objects = {
        o["@type"]: o
        for o in (json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]'))
    }
    article = objects["NewsArticle"]
    assert article["url"] == canonical
    assert article["mainEntityOfPage"]["@id"] == canonical
    assert article["image"][0]["url"].startswith(PUBLIC + "/")
    assert article["publisher"]["url"] == PUBLIC + "/"
    crumbs = [item["item"] for item in objects["BreadcrumbList"]["itemListElement"]]
    assert crumbs == [PUBLIC + "/", PUBLIC + "/luar-negeri/", canonical]
    for href in doc.xpath('//link[@rel="alternate"]/@href'):
        assert href.startswith(PUBLIC + "/"), href
    assert "internal" not in "".join(doc.xpath("//head//@href | //head//@content"))


def test_article_head_uses_the_request_host_without_site_url(client, lead_article):
    with override_settings(SITE_URL=""):
        doc = page_doc(client, lead_article.url, host="berita.example")
    assert doc.xpath('//link[@rel="canonical"]/@href') == ["http://berita.example" + ARTICLE_PATH]


@override_settings(SITE_URL=PUBLIC)
def test_feed_item_links_use_site_url(client, lead_article):
    for name in ("seo:rss", "seo:atom"):
        body = client.get(reverse(name), HTTP_HOST="internal:8000").content
        tree = etree.fromstring(body)
        links = tree.xpath("//item/link/text()") or tree.xpath(
            "//*[local-name()='entry']/*[local-name()='link'][@rel='alternate']/@href"
        )
        assert links == [PUBLIC + ARTICLE_PATH], name
        assert b"internal" not in body, name


@override_settings(SITE_URL=PUBLIC)
def test_sitemap_index_and_sitemap_locations_use_site_url(client, lead_article):
    index = etree.fromstring(
        client.get(reverse("seo:sitemap_index"), HTTP_HOST="internal:8000").content
    )
    locations = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert locations and all(loc.startswith(PUBLIC + "/") for loc in locations), locations

    articles = client.get(
        reverse("seo:sitemap", kwargs={"section": "articles"}), HTTP_HOST="internal:8000"
    ).content
    tree = etree.fromstring(articles)
    assert tree.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS) == [PUBLIC + ARTICLE_PATH]
    assert b"internal" not in articles

    news = client.get(reverse("seo:news_sitemap"), HTTP_HOST="internal:8000").content
    assert b"internal" not in news


@override_settings(SITE_URL=PUBLIC)
def test_robots_txt_names_sitemaps_on_site_url(client, home):
    body = client.get("/robots.txt", HTTP_HOST="internal:8000").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in body
    assert "internal" not in body


@override_settings(SITE_URL="https://kabarharapan.id/ignored/path")
def test_absolute_url_keeps_other_origins_and_resolves_relative_paths():
    request = RequestFactory().get("/a/b/", HTTP_HOST="internal:8000")
    assert absolute_url(request, "/media/x.jpg") == "https://kabarharapan.id/media/x.jpg"
    assert absolute_url(request, "c/") == "https://kabarharapan.id/a/b/c/"
    assert absolute_url(request, "https://cdn.example/x.jpg") == "https://cdn.example/x.jpg"
    assert absolute_url(request, "") == ""
    assert url_rebase(request, "http://internal:8000/p/?q=1") == "https://kabarharapan.id/p/?q=1"
    # A host that merely starts like the request's is someone else's.
    assert url_rebase(request, "http://internal:80001/p/") == "http://internal:80001/p/"
