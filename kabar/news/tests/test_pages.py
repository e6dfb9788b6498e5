"""Each page type renders what a reader expects, in Indonesian and under /en/ in English."""

import datetime

import pytest
import wagtail_factories
from django.utils import timezone
from lxml import html as lxml_html

from kabar.news.models import ArticleAuthor, HomeTopStory
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

# Tuesday 29 October 2024, 14:05 in Jakarta.
PUBLISHED = datetime.datetime(2024, 10, 29, 7, 5, tzinfo=datetime.UTC)


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def wire_story(section):
    """An ANTARA story with a dateline, two credited authors, tags and a photo."""
    writer = AuthorFactory(name="Ana Pratiwi", job_title="Wartawan")
    editor = AuthorFactory(name="Budi Santoso")
    article = ArticlePageFactory(
        parent=section,
        title="China minta semua menahan diri",
        kicker="Diplomasi",
        summary="Beijing menyerukan ketenangan.",
        dateline_place="Beijing",
        dateline_agency="ANTARA",
        body=[("paragraph", "<p>Pemerintah China meminta semua pihak menahan diri.</p>")],
        featured_image=wagtail_factories.ImageFactory(title="Kemlu China"),
        featured_image_caption="Juru bicara Kemlu China.",
        featured_image_credit="ANTARA/Desca",
        source_name="ANTARA",
        source_url="https://www.antaranews.com/berita/1",
        first_published_at=PUBLISHED,
        last_published_at=PUBLISHED,
    )
    ArticleAuthor.objects.create(article=article, author=writer, role="penulis", sort_order=0)
    ArticleAuthor.objects.create(article=article, author=editor, role="editor", sort_order=1)
    article.tags.add("Korea Utara", "Rusia")
    article.save()
    return article


def test_article_shows_dateline_in_the_first_paragraph(client, wire_story):
    html = page_text(client, wire_story.url)
    assert '<span class="dateline">BEIJING (ANTARA) –</span> Pemerintah China meminta' in html


def byline_texts(html: str) -> list[str]:
    doc = lxml_html.fromstring(html)
    lines = doc.xpath('//p[contains(@class, "byline")]')
    return [" ".join(p.text_content().split()) for p in lines]


def test_byline_names_the_writers_and_gives_editors_and_photographers_their_part(
    client, wire_story
):
    photographer = AuthorFactory(name="Citra Dewi")
    ArticleAuthor.objects.create(
        article=wire_story, author=photographer, role="fotografer", sort_order=2
    )
    html = page_text(client, wire_story.url)
    assert byline_texts(html) == ["Oleh Ana Pratiwi", "Editor: Budi Santoso", "Foto: Citra Dewi"]
    assert 'href="/penulis/ana-pratiwi/"' in html and 'href="/penulis/citra-dewi/"' in html


def test_nested_section_article_breadcrumb_names_every_parent_section(client, home, section):
    country = SectionPageFactory(parent=home, title="Dalam Negeri", slug="dalam-negeri")
    region = SectionPageFactory(parent=country, title="Daerah", slug="daerah")
    story = ArticlePageFactory(parent=region, title="Banjir di Medan")
    doc = lxml_html.fromstring(page_text(client, story.url))
    crumbs = doc.xpath('//nav[contains(@class, "breadcrumb")]//a')
    assert [(a.text, a.get("href")) for a in crumbs] == [
        ("Beranda", "/"),
        ("Dalam Negeri", "/dalam-negeri/"),
        ("Daerah", "/dalam-negeri/daerah/"),
    ]


def test_article_shows_indonesian_date_and_reading_time(client, wire_story):
    html = page_text(client, wire_story.url)
    expected = "Selasa, 29 Oktober 2024 14:05 WIB"
    assert f'<time datetime="2024-10-29T14:05:00+07:00">{expected}</time>' in html
    assert 'href="/2024/10/29/"' in html
    assert "1 menit baca" in html


def test_article_shows_updated_only_when_republished_later(client, wire_story):
    assert "Diperbarui" not in page_text(client, wire_story.url)
    wire_story.last_published_at = PUBLISHED + datetime.timedelta(hours=3)
    wire_story.save()
    html = page_text(client, wire_story.url)
    assert "Diperbarui" in html
    assert "Selasa, 29 Oktober 2024 17:05 WIB" in html


def test_article_shows_tags_source_photo_and_breadcrumb(client, wire_story, section):
    html = page_text(client, wire_story.url)
    assert 'href="/tag/korea-utara/"' in html and 'href="/tag/rusia/"' in html
    assert 'href="https://www.antaranews.com/berita/1"' in html
    assert "Juru bicara Kemlu China." in html and "ANTARA/Desca" in html
    assert f'<a href="{section.url}">Luar Negeri</a>' in html
    assert "Diplomasi" in html and "Beijing menyerukan ketenangan." in html
    assert 'type="image/webp"' in html and 'loading="eager"' in html


def test_article_lists_secondary_sections(client, wire_story, home):
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    wire_story.secondary_sections.add(economy)
    wire_story.save()
    html = page_text(client, wire_story.url)
    assert "Juga di:" in html and f'href="{economy.url}"' in html


def test_article_in_english_under_en_shows_english_labels(client, wire_story):
    indonesian_url = wire_story.url
    html = page_text(client, "/en" + indonesian_url)
    assert '<html lang="en">' in html
    assert "Tuesday, 29 October 2024 14:05 WIB" in html
    assert "1 minute read" in html
    assert byline_texts(html) == ["By Ana Pratiwi", "Editor: Budi Santoso"]
    assert 'href="/en/tag/rusia/"' in html
    # The switcher leads back to the same story in Indonesian.
    assert f'href="{indonesian_url}" lang="id"' in html


def test_indonesian_page_is_marked_as_indonesian_with_a_switch_to_english(client, wire_story):
    html = page_text(client, wire_story.url)
    assert '<html lang="id">' in html
    # The story is in Indonesian only: English readers are sent to the English front page.
    assert 'href="/en/" lang="en"' in html and f'href="/en{wire_story.url}"' not in html
    assert 'href="#main"' in html and '<main id="main"' in html


def test_home_shows_editors_lead_top_stories_latest_and_section_blocks(client, home, section):
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    articles = [ArticlePageFactory(parent=section, title=f"Luar {n}") for n in range(8)]
    econ = [ArticlePageFactory(parent=economy, title=f"Ekonomi {n}") for n in range(3)]
    home.lead_story = articles[5]
    home.save()
    HomeTopStory.objects.create(page=home, article=econ[2], sort_order=0)
    html = page_text(client, "/")
    lead = html.index("card card--lead")
    assert html.index("Luar 5", lead) < html.index("top-stories")
    assert html.index("Ekonomi 2") < html.index('id="latest-heading"')
    assert "Terkini" in html
    assert f'id="section-{economy.pk}"' in html and f'href="{economy.url}"' in html
    assert "Selengkapnya dari Luar Negeri" in html


def test_home_falls_back_to_the_newest_article_as_lead(client, section):
    ArticlePageFactory(parent=section, title="Lama", first_published_at=PUBLISHED)
    ArticlePageFactory(parent=section, title="Paling baru")
    html = page_text(client, "/")
    assert html.index("Paling baru", html.index("card--lead")) < html.index("Lama")


def test_section_lists_articles_newest_first_with_subsections(client, home, section):
    sub = SectionPageFactory(parent=section, title="Asia", slug="asia")
    ArticlePageFactory(parent=section, title="Kemarin", first_published_at=PUBLISHED)
    ArticlePageFactory(parent=sub, title="Hari ini")
    section.description = "Berita dari seluruh dunia."
    section.save()
    html = page_text(client, section.url)
    assert "<h1>Luar Negeri</h1>" in html and "Berita dari seluruh dunia." in html
    assert html.index("Hari ini") < html.index("Kemarin")
    assert f'href="{sub.url}"' in html


def test_section_paginates_with_numbered_pages(client, section):
    for n in range(14):
        ArticlePageFactory(parent=section, title=f"Berita {n:02d}")
    first = page_text(client, section.url)
    assert 'aria-current="page" href="?page=1"' in first and 'href="?page=2"' in first
    second = page_text(client, section.url + "?page=2")
    assert "Berita 13" in second and "Berita 00" not in second


def test_tag_page_lists_its_articles(client, wire_story, section):
    ArticlePageFactory(parent=section, title="Tanpa tag")
    html = page_text(client, "/tag/rusia/")
    assert "<h1>Rusia</h1>" in html and "1 artikel" in html
    assert "China minta semua menahan diri" in html and "Tanpa tag" not in html


def test_author_page_shows_profile_and_their_articles(client, wire_story, section):
    author = wire_story.authorships.first().author
    author.bio = "Meliput diplomasi Asia Timur."
    author.photo = wagtail_factories.ImageFactory()
    author.save()
    ArticlePageFactory(parent=section, title="Tulisan orang lain")
    html = page_text(client, author.get_absolute_url())
    assert "<h1>Ana Pratiwi</h1>" in html and "Wartawan" in html
    assert "Meliput diplomasi Asia Timur." in html
    assert "China minta semua menahan diri" in html and "Tulisan orang lain" not in html
    assert '<span class="card__role">Menulis</span>' in html


def test_author_page_says_what_the_person_did_on_each_story(client, wire_story, section):
    editor = wire_story.authorships.get(role="editor").author
    ArticlePageFactory(
        parent=section, title="Foto banjir", authors=[(editor, "fotografer"), (editor, "editor")]
    )
    doc = lxml_html.fromstring(page_text(client, editor.get_absolute_url()))
    cards = doc.xpath('//article[contains(@class, "card")]')
    roles = {
        card.xpath("string(.//h2)").strip(): card.xpath('.//*[@class="card__role"]/text()')
        for card in cards
    }
    assert roles == {
        "China minta semua menahan diri": ["Menyunting"],
        "Foto banjir": ["Memotret", "Menyunting"],
    }


def test_author_index_lists_credited_authors(client, wire_story):
    AuthorFactory(name="Belum Menulis")
    html = page_text(client, "/penulis/")
    assert "Ana Pratiwi" in html and "Budi Santoso" in html and "Belum Menulis" not in html


def test_archive_headings_are_in_indonesian_and_link_between_periods(client, section):
    ArticlePageFactory(
        parent=section,
        title="September",
        first_published_at=PUBLISHED - datetime.timedelta(days=40),
    )
    ArticlePageFactory(parent=section, title="Oktober", first_published_at=PUBLISHED)
    month = page_text(client, "/2024/10/")
    assert "<h1>Arsip Oktober 2024</h1>" in month
    assert "Oktober" in month and 'rel="prev" href="/2024/09/"' in month
    assert 'href="/2024/10/29/"' in month
    day = page_text(client, "/2024/10/29/")
    assert "Arsip Selasa, 29 Oktober 2024" in day
    year = page_text(client, "/2024/")
    assert "<h1>Arsip 2024</h1>" in year and 'href="/2024/09/"' in year


def test_archive_counts_days_in_jakarta_time(client, section):
    # 18:30 UTC on the 28th is already 01:30 on the 29th in Jakarta.
    late = datetime.datetime(2024, 10, 28, 18, 30, tzinfo=datetime.UTC)
    ArticlePageFactory(parent=section, title="Dini hari", first_published_at=late)
    assert "Dini hari" in page_text(client, "/2024/10/29/")
    assert client.get("/2024/10/28/").status_code == 404


def test_not_found_page_uses_the_site_design(client, home):
    response = client.get("/tidak-ada/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html and 'class="site-header"' in html


def test_server_error_page_renders_without_a_database(settings):
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "<!DOCTYPE html>" in html and "Kabar Harapan" in html


def test_drafts_are_not_listed(client, section):
    ArticlePageFactory(parent=section, title="Terbit")
    ArticlePageFactory(parent=section, title="Draf rahasia", live=False)
    for url in ("/", section.url):
        html = page_text(client, url)
        assert "Terbit" in html and "Draf rahasia" not in html


def test_home_shows_times_in_jakarta_time(client, section):
    ArticlePageFactory(parent=section, first_published_at=timezone.now())
    assert " WIB</time>" in page_text(client, "/")
