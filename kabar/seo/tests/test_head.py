import json

import wagtail_factories
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import resolve, reverse
from lxml import html as lxml_html
from wagtail.models import Site

from kabar.core.models import SiteSettings
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory
from kabar.seo.metadata import page_meta, search_url_template

NEWS_ARTICLE_REQUIRED = [
    "headline",
    "description",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "image",
    "mainEntityOfPage",
    "articleSection",
    "keywords",
    "isAccessibleForFree",
]


def head_get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return lxml_html.fromstring(response.content)


def meta_content(doc, key):
    """Every value of <meta property=key> or <meta name=key>, in page order."""
    return doc.xpath(f'//head/meta[@property="{key}" or @name="{key}"]/@content')


def jsonld_objects(doc) -> dict:
    """The page's JSON-LD objects by @type."""
    objects = [json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]')]
    return {obj["@type"]: obj for obj in objects}


def test_article_carries_a_complete_news_article(client, lead_article):
    doc = head_get(client, lead_article.url)
    article = jsonld_objects(doc)["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    for prop in NEWS_ARTICLE_REQUIRED:
        assert article.get(prop) not in (None, "", []), prop
    canonical = "http://testserver/luar-negeri/china-minta-semua-menahan-diri/"
    assert article["headline"] == lead_article.title
    assert article["description"] == "China meminta semua pihak menahan diri."
    assert article["datePublished"] == "2024-10-30T10:00:00+07:00"
    assert article["dateModified"] == "2024-10-30T12:00:00+07:00"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Desca Lidya Natalia",
            "url": "http://testserver/penulis/desca-lidya-natalia/",
        },
        {
            "@type": "Person",
            "name": "Rahmad Nasution",
            "url": "http://testserver/penulis/rahmad-nasution/",
        },
    ]
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Kabar Harapan"
    assert publisher["url"] == "http://testserver/"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].endswith("/static/seo/logo.png")
    assert publisher["logo"]["width"] and publisher["logo"]["height"]
    assert article["articleSection"] == ["Luar Negeri"]
    assert article["keywords"] == ["China", "Korea Utara", "Rusia", "Ukraina"]
    assert article["isAccessibleForFree"] is True
    assert article["dateline"] == "BEIJING (ANTARA)"
    assert [(i["width"], i["height"]) for i in article["image"]] == [
        (1200, 675),
        (1200, 900),
        (900, 900),
    ]
    image = lead_article.featured_image
    assert [i["url"] for i in article["image"]] == [
        f"http://testserver{image.get_rendition(spec).url}"
        for spec in ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
    ]


def test_article_breadcrumbs_run_from_home_through_sections(client, section):
    asia = SectionPageFactory(parent=section, title="Asia", slug="asia")
    article = ArticlePageFactory(parent=asia, title="Pemilu di Jepang", slug="pemilu-jepang")
    crumbs = jsonld_objects(head_get(client, article.url))["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Kabar Harapan", "http://testserver/"),
        (2, "Luar Negeri", "http://testserver/luar-negeri/"),
        (3, "Asia", "http://testserver/luar-negeri/asia/"),
        (4, "Pemilu di Jepang", "http://testserver/luar-negeri/asia/pemilu-jepang/"),
    ]
    section_crumbs = jsonld_objects(head_get(client, asia.url))["BreadcrumbList"]
    assert [c["name"] for c in section_crumbs["itemListElement"]] == [
        "Kabar Harapan",
        "Luar Negeri",
        "Asia",
    ]


def test_article_opengraph_and_twitter_tags(client, lead_article):
    doc = head_get(client, lead_article.url)
    canonical = "http://testserver/luar-negeri/china-minta-semua-menahan-diri/"
    assert doc.xpath('//head/link[@rel="canonical"]/@href') == [canonical]
    assert meta_content(doc, "og:type") == ["article"]
    assert meta_content(doc, "og:site_name") == ["Kabar Harapan"]
    assert meta_content(doc, "og:title") == [lead_article.title]
    assert meta_content(doc, "og:description") == ["China meminta semua pihak menahan diri."]
    assert meta_content(doc, "og:url") == [canonical]
    assert meta_content(doc, "og:locale") == ["id_ID"]
    rendition = lead_article.featured_image.get_rendition("fill-1200x675")
    assert meta_content(doc, "og:image") == [f"http://testserver{rendition.url}"]
    assert meta_content(doc, "og:image:width") == [str(rendition.width)]
    assert meta_content(doc, "og:image:height") == [str(rendition.height)]
    assert meta_content(doc, "article:published_time") == ["2024-10-30T10:00:00+07:00"]
    assert meta_content(doc, "article:modified_time") == ["2024-10-30T12:00:00+07:00"]
    assert meta_content(doc, "article:section") == ["Luar Negeri"]
    assert meta_content(doc, "article:tag") == ["China", "Korea Utara", "Rusia", "Ukraina"]
    assert meta_content(doc, "twitter:card") == ["summary_large_image"]
    assert meta_content(doc, "twitter:image") == meta_content(doc, "og:image")
    assert "max-image-preview:large" in meta_content(doc, "robots")[0]
    assert meta_content(doc, "description") == ["China meminta semua pihak menahan diri."]


def test_english_page_points_canonical_to_the_indonesian_address(client, lead_article):
    doc = head_get(client, f"/en{lead_article.url}")
    indonesian = "http://testserver/luar-negeri/china-minta-semua-menahan-diri/"
    assert doc.xpath('//head/link[@rel="canonical"]/@href') == [indonesian]
    alternates = dict(
        zip(
            doc.xpath("//head/link[@hreflang]/@hreflang"),
            doc.xpath("//head/link[@hreflang]/@href"),
            strict=True,
        )
    )
    # The story is in Indonesian only: no English address is announced for it.
    assert alternates == {}
    article = jsonld_objects(doc)["NewsArticle"]
    assert article["author"][0]["url"] == "http://testserver/penulis/desca-lidya-natalia/"


def test_description_falls_back_from_search_description_to_summary_to_section(client, section):
    section.description = "Berita dari seluruh dunia."
    section.save_revision().publish()
    article = ArticlePageFactory(parent=section, summary="", search_description="")
    doc = head_get(client, article.url)
    assert meta_content(doc, "description") == ["Berita dari seluruh dunia."]
    article.summary = "Ringkasan."
    article.save_revision().publish()
    assert meta_content(head_get(client, article.url), "description") == ["Ringkasan."]
    article.search_description = "Deskripsi untuk mesin pencari."
    article.save_revision().publish()
    assert meta_content(head_get(client, article.url), "description") == [
        "Deskripsi untuk mesin pencari."
    ]


def test_home_page_has_website_with_search_action(client, home):
    doc = head_get(client, "/")
    website = jsonld_objects(doc)["WebSite"]
    assert website["url"] == "http://testserver/"
    assert website["name"] == "Kabar Harapan"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/cari/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert meta_content(doc, "og:type") == ["website"]


@override_settings(ROOT_URLCONF="kabar.seo.tests.urls_without_search")
def test_search_action_is_left_out_when_there_is_no_search_page(home):
    assert search_url_template(RequestFactory().get("/")) is None


def test_feeds_are_announced_on_every_page_and_for_sections_tags_and_authors(
    client, lead_article, section
):
    def feeds(url):
        doc = head_get(client, url)
        return doc.xpath('//head/link[@rel="alternate"][@type]/@href')

    site_feeds = ["http://testserver/feed/", "http://testserver/feed/atom/"]
    assert feeds("/") == site_feeds
    assert feeds(lead_article.url) == site_feeds
    assert feeds(section.url) == site_feeds + [
        "http://testserver/feed/rubrik/luar-negeri/",
        "http://testserver/feed/atom/rubrik/luar-negeri/",
    ]
    assert feeds("/tag/china/") == site_feeds + [
        "http://testserver/feed/tag/china/",
        "http://testserver/feed/atom/tag/china/",
    ]
    assert feeds("/penulis/rahmad-nasution/") == site_feeds + [
        "http://testserver/feed/penulis/rahmad-nasution/",
        "http://testserver/feed/atom/penulis/rahmad-nasution/",
    ]
    for href in feeds(section.url) + feeds("/tag/china/") + feeds("/penulis/rahmad-nasution/"):
        assert client.get(href.removeprefix("http://testserver")).status_code == 200


def test_listing_pages_get_canonical_with_their_page_number(client, section):
    for _n in range(14):
        ArticlePageFactory(parent=section, tags=["Banjir"])
    doc = head_get(client, "/tag/banjir/?page=2&utm_source=x")
    assert doc.xpath('//head/link[@rel="canonical"]/@href') == [
        "http://testserver/tag/banjir/?page=2"
    ]
    assert meta_content(doc, "og:title") == ["Banjir"]


def test_title_cannot_break_out_of_the_json_ld_script(client, section):
    title = '</script><script>alert(1)</script> & "kutip"'
    article = ArticlePageFactory(parent=section, title=title, slug="serangan")
    body = client.get(article.url).content.decode()
    head = body[: body.index("</head>")]
    assert "<script>alert(1)" not in head
    doc = lxml_html.fromstring(body)
    assert jsonld_objects(doc)["NewsArticle"]["headline"] == title
    assert meta_content(doc, "og:title") == [title]


def test_publisher_logo_comes_from_site_settings(client, lead_article):
    logo = wagtail_factories.ImageFactory(
        file__width=800, file__height=200, file__filename="logo.png"
    )
    SiteSettings.objects.update_or_create(site=Site.objects.get(), defaults={"logo": logo})
    publisher = jsonld_objects(head_get(client, lead_article.url))["NewsArticle"]["publisher"]
    rendition = logo.get_rendition("max-600x600")
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"http://testserver{rendition.url}",
        "width": 600,
        "height": 150,
    }


def test_article_authors_are_its_writers_editors_and_photographers_have_their_terms(
    client, section, image
):
    def person(name, slug):
        return {"@type": "Person", "name": name, "url": f"http://testserver/penulis/{slug}/"}

    article = ArticlePageFactory(
        parent=section,
        featured_image=image,
        authors=[
            AuthorFactory(name="Ana Pratiwi"),
            (AuthorFactory(name="Budi Santoso"), "editor"),
            (AuthorFactory(name="Citra Dewi"), "fotografer"),
        ],
    )
    doc = head_get(client, article.url)
    news_article = jsonld_objects(doc)["NewsArticle"]
    assert news_article["author"] == [person("Ana Pratiwi", "ana-pratiwi")]
    assert news_article["editor"] == [person("Budi Santoso", "budi-santoso")]
    assert news_article["image"]
    for picture in news_article["image"]:
        assert picture["creator"] == [person("Citra Dewi", "citra-dewi")]
    assert meta_content(doc, "article:author") == ["http://testserver/penulis/ana-pratiwi/"]


def test_article_without_authors_credits_the_newsroom(client, section):
    article = ArticlePageFactory(parent=section, authors=[])
    news_article = jsonld_objects(head_get(client, article.url))["NewsArticle"]
    assert news_article["author"] == [news_article["publisher"]]
    assert "image" not in news_article


def test_head_costs_the_same_queries_whatever_the_tags_and_authors(section, image):
    def head_queries(count: int) -> int:
        article = ArticlePageFactory(
            parent=section,
            featured_image=image,
            tags=[f"Topik {count} {n}" for n in range(count)],
            authors=[AuthorFactory() for _ in range(count)],
        )
        page_meta({"request": RequestFactory().get(article.url), "page": article})  # renditions
        with CaptureQueriesContext(connection) as captured:
            meta = page_meta({"request": RequestFactory().get(article.url), "page": article})
        assert len(meta.article["tags"]) == len(meta.article["authors"]) == count
        return len(captured)

    assert head_queries(1) == head_queries(8)


def test_not_found_page_announces_no_canonical_address(client, home):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    doc = lxml_html.fromstring(response.content)
    assert doc.xpath('//head/link[@rel="canonical"]') == []


def test_search_results_are_kept_out_of_the_index(home):
    request = RequestFactory().get(reverse("search:search"), {"q": "banjir"})
    request.resolver_match = resolve(request.path)
    assert page_meta({"request": request}).robots.startswith("noindex")


def test_preview_renders_its_head(lead_article):
    response = lead_article.make_preview_request()
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content)
    assert jsonld_objects(doc)["NewsArticle"]["headline"] == lead_article.title


def test_never_published_draft_gets_head_metadata_without_dates(section):
    draft = ArticlePageFactory(
        parent=section, live=False, first_published_at=None, last_published_at=None
    )
    meta = page_meta({"request": RequestFactory().get(draft.url), "page": draft})
    news_article = meta.jsonld[0]
    assert news_article["headline"] == draft.title
    assert news_article["datePublished"] == news_article["dateModified"] == ""


def test_tag_page_description_is_in_the_page_language(client, lead_article):
    indonesian = meta_content(head_get(client, "/tag/china/"), "description")
    english = meta_content(head_get(client, "/en/tag/china/"), "description")
    assert indonesian == ["Berita terbaru tentang China dari Kabar Harapan."]
    assert english == ["The latest news about China from Kabar Harapan."]


def hreflang_links(doc) -> dict:
    return dict(
        zip(
            doc.xpath("//head/link[@hreflang]/@hreflang"),
            doc.xpath("//head/link[@hreflang]/@href"),
            strict=True,
        )
    )


def test_english_pages_of_every_kind_name_their_indonesian_and_english_addresses(
    client, lead_article
):
    author = lead_article.authorships.first().author
    paths = [
        "/tag/korea-utara/",
        author.get_absolute_url(),
        "/penulis/",
        "/2024/10/30/",
        "/2024/10/",
        reverse("search:search"),
        reverse("comments:my_data_request"),
        lead_article.get_parent().url,
        "/",
    ]
    for path in paths:
        for shown in (path, f"/en{path}"):
            doc = head_get(client, shown)
            assert "/en/en/" not in lxml_html.tostring(doc).decode(), shown
            indonesian = f"http://testserver{path}"
            assert doc.xpath('//head/link[@rel="canonical"]/@href') == [indonesian], shown
            assert hreflang_links(doc) == {
                "id": indonesian,
                "en": f"http://testserver/en{path}",
                "x-default": indonesian,
            }, shown


def test_an_indonesian_only_article_is_not_offered_in_english(client, lead_article):
    for shown in (lead_article.url, f"/en{lead_article.url}"):
        doc = head_get(client, shown)
        assert hreflang_links(doc) == {}, shown
        assert doc.xpath('//a[@hreflang="en"]/@href') in ([], ["/en/"]), shown
