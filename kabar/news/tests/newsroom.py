"""A realistic newsroom for page-weight and image tests: a long, illustrated article on a front
page full of illustrated cards, with a logo, a menu and social links. The page-weight test
(kabar/comments/tests/test_page_weight.py) adds the comments a lively article gathers."""

import datetime

import wagtail_factories
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import Site

from kabar.core.models import MenuItem, SiteSettings, SocialLink
from kabar.news.demo.content.luar_negeri import ARTICLES as WORLD_ARTICLES
from kabar.news.demo.seed import seed_page_load
from kabar.news.models import ArticleAuthor
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

OTHER_ARTICLES = 12


def photo(name: str, width: int = 1600, height: int = 900):
    return wagtail_factories.ImageFactory(
        title=name,
        file__width=width,
        file__height=height,
        file__filename=f"{name}.jpg",
        file__format="JPEG",
    )


def body_paragraphs() -> list[str]:
    """Real news prose: the seed story, then the paragraphs of the demo's world news."""
    paragraphs = list(seed_page_load().paragraphs)
    for article in WORLD_ARTICLES:
        paragraphs += [b for b in article.body if isinstance(b, str)]
    return paragraphs


def article_body(related) -> list[tuple]:
    paragraphs = body_paragraphs()
    body = []
    for n, text in enumerate(paragraphs):
        body.append(("paragraph", f"<p>{text}</p>"))
        if n == 3:
            body.append(("subheading", "Tanggapan negara tetangga"))
        if n == 5:
            body.append(
                (
                    "image",
                    {
                        "image": photo("gedung-kemlu"),
                        "alt_text": "Gedung Kementerian Luar Negeri",
                        "caption": "Gedung Kementerian Luar Negeri di Beijing.",
                        "credit": "ANTARA/Desca Lidya Natalia",
                    },
                )
            )
        if n == 8:
            body.append(
                (
                    "quote",
                    {
                        "quote": "Semua pihak harus menahan diri dan mengutamakan dialog.",
                        "attribution": "Juru bicara Kementerian Luar Negeri China",
                    },
                )
            )
        if n == 11:
            body.append(("subheading", "Upaya diplomasi berlanjut"))
            body.append(
                (
                    "image",
                    {
                        "image": photo("sidang-pbb", 1200, 800),
                        "alt_text": "Ruang sidang",
                        "caption": "Sidang Dewan Keamanan PBB.",
                        "credit": "ANTARA",
                    },
                )
            )
    body.append(
        (
            "related_links",
            {
                "title": "Baca juga",
                "links": [{"page": page, "url": "", "text": ""} for page in related[:3]],
            },
        )
    )
    return body


def site_dress(home, sections) -> None:
    """Give the site a logo, a menu of its sections and social links."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = photo("logo-kabar-harapan", 600, 160)
    site_settings.save()
    for order, section in enumerate(sections):
        MenuItem.objects.create(settings=site_settings, page=section, sort_order=order)
    for order, platform in enumerate(("facebook", "x", "instagram", "youtube")):
        SocialLink.objects.create(
            settings=site_settings,
            platform=platform,
            url=f"https://example.com/{platform}/kabarharapan",
            sort_order=order,
        )


def caches_clear() -> None:
    """Empty every cache: renditions and pages are cached by ids a rolled-back test reuses."""
    for cache in caches.all():
        cache.clear()


def realistic_newsroom(home, section):
    """The lead article of a dressed-up site, with a dozen illustrated neighbours."""
    caches_clear()
    sections = [section] + [
        SectionPageFactory(parent=home, title=title)
        for title in ("Dalam Negeri", "Ekonomi", "Olahraga", "Teknologi")
    ]
    site_dress(home, sections)
    writers = [
        AuthorFactory(name="Desca Lidya Natalia", job_title="Wartawan", photo=photo("desca")),
        AuthorFactory(name="Rahmad Nasution", job_title="Redaktur", photo=photo("rahmad")),
    ]
    now = timezone.now()
    others = [
        ArticlePageFactory(
            parent=sections[n % len(sections)],
            title=f"Berita pendamping nomor {n} dengan judul yang cukup panjang",
            featured_image=photo(f"pendamping-{n}"),
            first_published_at=now - datetime.timedelta(hours=n + 2),
            authors=writers[:1],
        )
        for n in range(OTHER_ARTICLES)
    ]
    seed = seed_page_load()
    article = ArticlePageFactory(
        parent=section,
        title=seed.headline,
        slug="china-minta-semua-menahan-diri",
        kicker="Diplomasi",
        summary="China meminta semua pihak menahan diri soal pengerahan tentara Korea Utara.",
        dateline_place=seed.dateline_place,
        dateline_agency=seed.dateline_agency,
        featured_image=photo("mao-ning"),
        featured_image_caption="Juru bicara Kementerian Luar Negeri China Mao Ning.",
        featured_image_credit="ANTARA/Desca Lidya Natalia",
        source_name="ANTARA",
        source_url="https://www.antaranews.com/berita/4429397",
        first_published_at=now - datetime.timedelta(hours=1),
        body=article_body(others),
    )
    for writer in writers:
        ArticleAuthor.objects.create(article=article, author=writer)
    article.tags.add("China", "Korea Utara", "Rusia", "Ukraina", "Diplomasi")
    article.save()
    home.lead_story = article
    home.save()
    return article
