"""The demo newsroom loader: the seed story verbatim, the tree, the counts, and no overwrites.

Loading takes a few seconds, so the tests that read the loaded newsroom share one load per
module (rolled back at the end); the tests on an empty database come first in the file.
"""

import datetime
import io
import re
import zoneinfo
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision, Site

from kabar.core.models import SiteSettings
from kabar.news.demo import demo_newsroom_load
from kabar.news.demo.seed import seed_page_parse
from kabar.news.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage
from kabar.news.selectors import PER_PAGE
from kabar.news.tests.factories import ArticlePageFactory

SEED_FILE = Path(__file__).resolve().parents[1] / "demo" / "seed" / "000_eca401a34d30784c.txt"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
LEAD_HEADLINE = "China minta semua menahan diri soal pengerahan tentara Korut ke Rusia"


def seed_blocks() -> list[str]:
    """The seed page's blank-line-separated blocks, as published."""
    return [b.strip() for b in SEED_FILE.read_text(encoding="utf-8").split("\n\n") if b.strip()]


def paragraphs_of(article: ArticlePage) -> list[str]:
    return [
        unescape(strip_tags(block.value.source))
        for block in article.body
        if block.block_type == "paragraph"
    ]


def table_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "sites": Site.objects.count(),
        "settings": SiteSettings.objects.count(),
    }


# On an empty (or already used) database, before the shared load below.


def test_seed_parse_splits_the_dateline_and_drops_the_comment_form():
    seed = seed_page_parse(
        "Kabar Harapan\n\nTagline\n\nJudul\n\nSURABAYA (ANTARA) – Paragraf satu.\n\n"
        "Paragraf dua.\n\nLeave a Reply\n\nYour email address will not be published."
    )
    assert (seed.site_name, seed.tagline, seed.headline) == ("Kabar Harapan", "Tagline", "Judul")
    assert (seed.dateline_place, seed.dateline_agency) == ("Surabaya", "ANTARA")
    assert seed.paragraphs == ("Paragraf satu.", "Paragraf dua.")


def test_loader_refuses_a_database_with_articles(section):
    ArticlePageFactory(parent=section, title="Berita yang sudah ada")
    before = table_counts()
    assert demo_newsroom_load() is False
    assert table_counts() == before
    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["Berita yang sudah ada"]


def test_command_reports_existing_content_and_if_empty_is_quiet(home):
    with pytest.raises(CommandError, match="already has content"):
        call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert out.getvalue() == ""
    assert HomePage.objects.count() == 1 and not SectionPage.objects.exists()


# The loaded demo newsroom, shared by the tests below.


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once through the management command; roll it back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
    # Wagtail caches the site's root paths; later modules must not see this rolled-back site.
    cache.clear()


@pytest.fixture
def demo(demo_output, db):
    return demo_output


@pytest.fixture
def lead(demo):
    return ArticlePage.objects.get(title=LEAD_HEADLINE)


def test_command_prints_what_it_loaded(demo):
    counts = {
        name: int(n)
        for n, name in re.findall(r"(\d+) (sections|articles|authors|tags|images)", demo)
    }
    assert counts == {
        "sections": SectionPage.objects.count(),
        "articles": ArticlePage.objects.count(),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_home_page_is_the_default_sites_root_and_replaces_the_welcome_page(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.title == "Kabar Harapan" and home.live
    assert Page.objects.filter(depth=2).count() == 1
    top = {p.title for p in home.get_children().type(SectionPage)}
    assert {"Dalam Negeri", "Luar Negeri", "Ekonomi", "Olahraga", "Teknologi"} <= top
    nested = SectionPage.objects.filter(depth=home.depth + 2)
    assert nested.exists()
    assert all(s.get_parent().specific_class is SectionPage for s in nested)


def test_lead_story_is_the_seed_text_verbatim(lead):
    blocks = seed_blocks()
    end = blocks.index("Leave a Reply")
    expected = blocks[3:end]
    expected[0] = expected[0].removeprefix("BEIJING (ANTARA) – ")
    assert lead.title == blocks[2] == LEAD_HEADLINE
    assert paragraphs_of(lead) == expected
    assert not any("(ANTARA)" in p for p in paragraphs_of(lead))
    assert (lead.dateline_place, lead.dateline_agency) == ("Beijing", "ANTARA")
    assert lead.dateline == "BEIJING (ANTARA)"
    assert lead.source_name == "ANTARA"


def test_lead_story_section_tags_and_date(lead):
    assert lead.get_parent().title == "Luar Negeri"
    assert set(lead.tags.names()) == {"China", "Korea Utara", "Rusia", "Ukraina"}
    published = datetime.datetime(2024, 10, 30, 10, 0, tzinfo=JAKARTA)
    assert lead.first_published_at == published
    assert lead.first_published_at.astimezone(datetime.UTC).hour == 3
    home = HomePage.objects.get()
    assert home.lead_story_id == lead.pk
    assert home.top_stories.count() == 4 and lead.pk not in {
        t.article_id for t in home.top_stories.all()
    }


def test_site_settings_carry_the_seeds_name_and_tagline(demo):
    site = Site.objects.get(is_default_site=True)
    blocks = seed_blocks()
    site_settings = SiteSettings.for_site(site)
    assert site_settings.site_name == site.site_name == blocks[0] == "Kabar Harapan"
    assert site_settings.tagline == blocks[1]
    assert site_settings.tagline == "Memberikan Informasi Terupdate Dalam Negri & Luar Negri"
    assert site_settings.logo is not None and site_settings.footer_text
    menu = [item.page.specific for item in site_settings.menu_items.all()]
    assert menu and all(isinstance(p, SectionPage) for p in menu)
    assert site_settings.social_links.count() >= 3


def test_enough_articles_in_every_section_and_month(demo):
    articles = ArticlePage.objects.visible()
    assert articles.count() >= 31
    for section in SectionPage.objects.all():
        assert ArticlePage.objects.visible().in_section(section).exists(), section.title
    local = [a.first_published_at.astimezone(JAKARTA) for a in articles]
    assert {(d.year, d.month) for d in local} == {(2024, 9), (2024, 10), (2024, 11)}
    assert max(Counter((d.year, d.month) for d in local).values()) > PER_PAGE
    assert max(Counter(d.date() for d in local).values()) >= 3
    assert sum(1 for a in articles if a.updated_at) >= 3


def test_articles_have_bylines_pictures_and_rich_bodies(demo):
    articles = list(ArticlePage.objects.visible())
    roles = Counter(ArticleAuthor.objects.values_list("role", flat=True))
    assert set(roles) == set(ArticleAuthor.Role.values)
    assert Author.objects.count() >= 5
    assert all(a.job_title and a.bio and a.photo for a in Author.objects.all())
    assert all(a.authorships.exists() for a in articles)
    team = [
        a
        for a in articles
        if a.authorships.filter(role="penulis").count() >= 2
        and a.authorships.filter(role="fotografer").exists()
    ]
    assert team
    assert all(a.featured_image and a.featured_image_credit for a in articles)
    # The pictures carry their caption and credit in their XMP, read on upload; the stories
    # leave the credit empty and get the picture's own.
    pictures = get_image_model().objects.filter(collection__name="Demo", details__isnull=False)
    assert pictures.count() >= 12
    assert all(p.details.credit == "Ilustrasi: Kabar Harapan" for p in pictures)
    assert all(a.featured_image_credit == "Ilustrasi: Kabar Harapan" for a in articles)
    assert get_image_model().objects.filter(collection__name="Demo").count() >= 12
    block_types = Counter(b.block_type for a in articles for b in a.body)
    assert {"paragraph", "subheading", "quote", "image", "related_links"} <= set(block_types)
    for article in articles:
        for block in article.body:
            if block.block_type == "image":
                assert block.value["caption"] and block.value["credit"]
            if block.block_type == "related_links":
                assert all(link["page"].live for link in block.value["links"])
    assert any(a.kicker for a in articles) and any(a.dateline for a in articles)
    shared = Tag.objects.filter(news_articletag_items__isnull=False)
    assert max(Counter(shared.values_list("name", flat=True)).values()) >= 3


def test_articles_are_published_through_revisions_and_indexed(demo, lead):
    for article in ArticlePage.objects.all():
        assert article.live and article.live_revision_id, article.title
        assert not article.has_unpublished_changes
    assert ArticlePage.objects.live().search("cakalang").count() >= 1
    linked = ReferenceIndex.get_references_to(
        ArticlePage.objects.get(slug="petani-klaten-tanam-padi-varietas-tahan-kekeringan")
    )
    assert linked.exists()


def test_loading_again_changes_nothing(demo):
    before = table_counts()
    assert demo_newsroom_load() is False
    assert table_counts() == before


def test_public_pages_answer(client, demo, lead):
    section = SectionPage.objects.get(slug="luar-negeri")
    pages = [
        "/",
        section.url,
        lead.url,
        reverse("news:tag", kwargs={"slug": "korea-utara"}),
        reverse("news:archive_month", kwargs={"year": "2024", "month": "10"}) + "?page=2",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    home = client.get("/").content.decode()
    assert LEAD_HEADLINE in home


def test_the_front_page_shows_the_desks_arrangement(client, demo):
    html = client.get("/").content.decode()
    headings = re.findall(
        r'<section class="section-block".*?<a href="[^"]*">([^<]+)</a>', html, re.S
    )
    assert headings == ["Ekonomi", "Dalam Negeri", "Daerah", "Olahraga", "Teknologi", "Luar Negeri"]
    economy = html.split('<section class="section-block"')[1].split("</section>")[0]
    titles = re.findall(r'class="card__title"><a href="[^"]*">([^<]+)</a>', economy)
    # The pinned story leads its block, though newer ones came out since.
    assert titles[0] == "Pasar tradisional mulai terima pembayaran QRIS" and len(titles) == 4


PORTAL_PAGES = {
    "pedoman-pemberitaan-media-siber": "Pedoman Pemberitaan Media Siber",
    "redaksi": "Redaksi",
    "kontak": "Kontak",
    "tentang-kami": "Tentang Kami",
    "kebijakan-privasi": "Kebijakan Privasi",
    "pedoman-komentar": "Pedoman Komentar",
}


def test_the_pages_every_portal_has_are_published_and_in_every_footer(client, demo, lead):
    from kabar.news.models import StandardPage

    pages = {p.slug: p for p in StandardPage.objects.live()}
    assert set(PORTAL_PAGES) <= set(pages)
    footers = [
        client.get(url).content.decode().split('class="site-footer"')[1]
        for url in ("/", lead.url, pages["kontak"].url, reverse("complaints:form"))
    ]
    for slug, title in PORTAL_PAGES.items():
        link = f'<a href="{pages[slug].url}">{title}</a>'
        assert all(link in footer for footer in footers), slug


def test_the_guideline_page_covers_every_part_of_the_ppms(client, demo):
    html = client.get("/pedoman-pemberitaan-media-siber/").content.decode()
    for heading in (
        "Ruang lingkup",
        "Verifikasi dan keberimbangan berita",
        "Isi buatan pengguna",
        "Ralat, koreksi dan hak jawab",
        "Pencabutan berita",
        "Iklan",
        "Hak cipta",
        "Pencantuman pedoman",
        "Sengketa",
    ):
        assert heading in html, heading
    assert 'href="/pengaduan/"' in html


def test_the_masthead_is_built_from_the_staff_profiles(client, demo):
    html = client.get("/redaksi/").content.decode()
    chief = Author.objects.get(slug="rina-wulandari")
    assert f'href="{chief.get_absolute_url()}">Rina Wulandari</a>' in html
    assert "Pemimpin Redaksi / Penanggung Jawab" in html
    # Without a role of its own, an entry shows the profile's job title.
    assert "Wartawan Ekonomi" in html


def test_the_privacy_page_links_the_personal_data_export_and_erase(client, demo):
    html = client.get("/kebijakan-privasi/").content.decode()
    assert f'href="{reverse("comments:my_data_request")}"' in html and "UU PDP" in html


def test_the_lead_story_invites_registered_readers_to_comment(client, demo, lead):
    thread = f"/komentar/{lead.pk}/"
    assert f'href="{thread}"' in client.get(lead.url).content.decode()
    html = client.get(thread).content.decode()
    # The guideline's mode: a reader signs up and logs in before commenting.
    assert "Masuk</a> atau" in html and 'name="body"' not in html


def test_most_read_is_filled_on_the_first_run(client, demo, lead):
    html = client.get("/").content.decode()
    block = html[html.index('class="most-read"') :]
    block = block[: block.index("</section>")]
    assert "24 jam terakhir" in block and "7 hari terakhir" in block
    assert block.count("<li>") == 10
    section = lead.get_parent()
    assert f"Terpopuler di {section.title}" in client.get(section.url).content.decode()
