"""The Kabar Harapan WordPress export, imported: counts, statuses, structure and old URLs."""

import datetime
from collections import Counter

import pytest
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Revision, Site

from kabar.core.models import MenuItem, SiteSettings
from kabar.ingest.models import WordPressItem
from kabar.ingest.services import ImportOptions, wxr_import
from kabar.news.models import ArticlePage, Author, HomePage, SectionPage, StandardPage

from .conftest import NEWSROOM

SITE = "http://127.0.0.1:8081"
pytestmark = pytest.mark.django_db


def imported_post(wp_id: int) -> ArticlePage:
    """The article the newsroom export's post `wp_id` became."""
    return WordPressItem.objects.get(site_url=SITE, kind="post", wp_id=str(wp_id)).target.specific


def test_every_item_is_accounted_for(newsroom):
    counts = newsroom.counts
    assert not newsroom.fatal
    assert counts["post"] == {"created": 119, "skipped": 1}
    assert counts["page"] == {"created": 5}
    assert counts["attachment"] == {"created": 20}
    assert counts["author"] == {"created": 5}
    assert counts["category"] == {"created": 19}
    assert counts["tag"] == {"created": 32}
    assert counts["nav_menu_item"] == {"created": 7}
    assert (
        'post 140 "Desi Hidayat Tersingkir di Babak Pertama Final Ganda Putra"',
        "It is in the WordPress trash.",
    ) in newsroom.skipped
    assert ArticlePage.objects.count() == 119
    assert StandardPage.objects.count() == 5
    assert get_image_model().objects.count() == 20
    assert Author.objects.filter(name="Muhammad Syafi’i").exists()


def test_statuses_map_to_live_draft_scheduled_and_restricted(newsroom):
    assert ArticlePage.objects.live().count() == 108 + 2
    assert ArticlePage.objects.live().public().count() == 108 - 1  # 196 has a password
    drafts = ArticlePage.objects.filter(live=False, go_live_at__isnull=True)
    assert drafts.count() == 4 + 3
    scheduled = ArticlePage.objects.filter(live=False, go_live_at__isnull=False)
    assert {a.pk for a in scheduled} == {imported_post(277).pk, imported_post(279).pk}
    assert (
        Revision.page_revisions.filter(
            object_id__in=[str(a.pk) for a in scheduled], approved_go_live_at__isnull=False
        ).count()
        == 2
    )
    restrictions = {r.page_id: r for r in PageViewRestriction.objects.all()}
    assert restrictions[imported_post(179).pk].restriction_type == "login"
    assert restrictions[imported_post(214).pk].restriction_type == "login"
    assert restrictions[imported_post(196).pk].password == "kabar2025"
    privacy = StandardPage.objects.get(slug="privacy-policy")
    assert not privacy.live


def test_posts_keep_dates_authors_sections_tags_and_featured_image(newsroom):
    post = imported_post(87)
    assert post.first_published_at == datetime.datetime(2025, 8, 26, 4, 1, tzinfo=datetime.UTC)
    assert post.last_published_at == datetime.datetime(2025, 8, 26, 4, 13, tzinfo=datetime.UTC)
    assert [a.author.name for a in post.authorships.all()] == ["Muhammad Syafi’i"]
    assert post.get_parent().slug == "gaya-hidup"
    assert sorted(t.name for t in post.tags.all()) == ["Kopi Nusantara ☕", "UMKM", "pariwisata"]
    assert post.summary.startswith("Jangan lupa membawa botol minum")
    assert post.featured_image.title == "Suasana café di Braga, Bandung"
    two_sections = imported_post(161)
    assert two_sections.get_parent().slug == "dalam-negeri"
    assert [s.slug for s in two_sections.secondary_sections.all()] == ["jawa-timur"]
    assert ArticlePage.objects.filter(featured_image__isnull=False).count() == 103
    credits = set(ArticlePage.objects.values_list("featured_image_credit", flat=True))
    assert any(c.startswith("ANTARA FOTO/") for c in credits)


def test_category_hierarchy_becomes_nested_sections(newsroom):
    jatim = SectionPage.objects.get(slug="jawa-timur")
    assert [p.slug for p in jatim.get_ancestors()[2:]] == ["dalam-negeri", "daerah"]
    politik = SectionPage.objects.filter(title="Politik")
    assert sorted(p.get_parent().slug for p in politik) == ["dalam-negeri", "luar-negeri"]
    assert SectionPage.objects.get(slug="eropa-amerika").title == "Eropa & Amerika"
    assert SectionPage.objects.count() == 19
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_tags_get_clean_slugs(newsroom):
    assert Tag.objects.count() == 32
    assert Tag.objects.get(name="Tiongkok (中国)").slug == "tiongkok-zhongguo"


def test_body_keeps_images_quotes_embeds_and_reusable_blocks(newsroom):
    body = imported_post(57).body
    kinds = [b.block_type for b in body]
    assert "image" in kinds and "quote" in kinds and "embed" in kinds
    quote = next(b.value for b in body if b.block_type == "quote")
    assert quote["attribution"] == "Galih Ginting"
    assert not any("jajak" in str(b.value) or "<script" in str(b.value) for b in body)
    gallery_images = [b for b in imported_post(44).body if b.block_type == "image"]
    assert len(gallery_images) == 1 + 4
    assert [b.value.url for b in imported_post(238).body if b.block_type == "embed"] == [
        "https://www.youtube.com/watch?v=yL_p12hJiUd&t=42s"
    ]
    links = " ".join(
        str(b.value)
        for p in ArticlePage.objects.all()
        for b in p.body
        if b.block_type == "paragraph"
    )
    assert SITE not in links  # links to the old site now point at paths on this one


def test_sticky_posts_lead_the_home_page(newsroom):
    home = HomePage.objects.get()
    sticky = {imported_post(246).pk, imported_post(259).pk}
    assert {s.article_id for s in home.top_stories.all()} == sticky
    assert home.live and not home.has_unpublished_changes


@pytest.mark.parametrize(
    ("old", "wp_id"),
    [
        ("/2025/09/27/gempa-magnitudo-5-2-guncang-malang-warga-berhamburan/", 161),
        ("/2025/09/27/gempa-guncang-malang/", 161),  # _wp_old_slug
        (
            "/2025/11/04/harga-beras-medium-tembus-rp14-500-per-kilogram-di-pasar-tradisional/",
            230,
        ),  # _wp_old_date
        ("/?p=41", 41),
        ("/?p=120", 120),
    ],
)
def test_old_post_urls_redirect_permanently_to_the_article(newsroom, client, old, wp_id):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == imported_post(wp_id).url


def test_old_category_tag_page_and_upload_urls_redirect(newsroom, client):
    eropa = SectionPage.objects.get(slug="eropa-amerika")
    response = client.get("/category/luar-negeri/eropa-amerika/")
    assert response.status_code == 301 and response["Location"] == eropa.url
    response = client.get("/tag/tiongkok-%e4%b8%ad%e5%9b%bd/")
    assert response.status_code == 301 and response["Location"] == "/tag/tiongkok-zhongguo/"
    redaksi = StandardPage.objects.get(slug="redaksi")
    assert redaksi.url == "/tentang-kami/redaksi/"  # same address as on WordPress
    response = client.get("/?page_id=10")
    assert response.status_code == 301 and response["Location"] == redaksi.url
    response = client.get("/wp-content/uploads/2025/08/soto-lamongan.jpg")
    assert response.status_code == 301
    assert response["Location"].endswith("soto-lamongan.jpg")


@pytest.mark.parametrize(
    "old",
    [
        # The attachment page's pretty link (its <link>) and its ?attachment_id= address.
        "/2025/08/05/tren-batik-tulis-kian-digemari-anak-muda/soto-lamongan/",
        "/?attachment_id=45",
    ],
)
def test_attachment_pages_redirect_to_the_article_they_were_attached_to(newsroom, client, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == imported_post(44).url


@pytest.mark.parametrize(
    ("old", "wp_id"),
    [
        ("/logo-kabar-harapan/", 5),  # attached to no post
        ("/?attachment_id=5", 5),
        ("/?attachment_id=141", 141),  # its post is in the WordPress trash
    ],
)
def test_attachment_pages_without_a_live_article_redirect_to_the_image(
    newsroom, client, old, wp_id
):
    image = WordPressItem.objects.get(site_url=SITE, kind="attachment", wp_id=str(wp_id)).target
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == image.file.url


def test_author_archives_redirect_to_the_author_page(newsroom, client):
    author = Author.objects.get(name="Muhammad Syafi’i")
    response = client.get("/author/syafii/")
    assert response.status_code == 301
    assert response["Location"] == f"/penulis/{author.slug}/"
    assert client.get(response["Location"]).status_code == 200


def test_main_menu_becomes_the_site_menu_flattened(newsroom):
    site = Site.objects.get(is_default_site=True)
    items = SiteSettings.for_site(site).menu_items.order_by("sort_order")
    assert [(item.text, type(item.page.specific).__name__, item.url) for item in items] == [
        ("Beranda", "HomePage", ""),  # a custom link to the old home page
        ("Dalam Negeri", "SectionPage", ""),
        ("Luar Negeri", "SectionPage", ""),
        ("Ekonomi", "SectionPage", ""),
        ("Olahraga", "SectionPage", ""),
        ("Sepak Bola", "SectionPage", ""),  # was in Olahraga's submenu: follows it
        ("Tentang Kami", "StandardPage", ""),
    ]
    assert items[5].page.get_parent().slug == "olahraga"
    assert any("submenu" in message for label, message in newsroom.warnings if "22" in label)


def test_running_the_same_export_again_changes_nothing(newsroom, newsroom_uploads):
    before = (
        ArticlePage.objects.count(),
        Redirect.objects.count(),
        Revision.objects.count(),
        MenuItem.objects.count(),
    )
    summary = wxr_import(source=NEWSROOM, options=ImportOptions(media_dir=newsroom_uploads))
    assert summary.counts["post"] == {"unchanged": 119, "skipped": 1}
    assert summary.counts["attachment"] == {"unchanged": 20}
    assert summary.counts["nav_menu_item"] == {"unchanged": 7}
    assert {k for k, c in summary.counts.items() if c.get("created") or c.get("updated")} == set()
    after = (
        ArticlePage.objects.count(),
        Redirect.objects.count(),
        Revision.objects.count(),
        MenuItem.objects.count(),
    )
    assert after == before


def comment(wp_id: int):
    return WordPressItem.objects.get(site_url=SITE, kind="comment", wp_id=str(wp_id)).target


def test_comments_keep_threads_statuses_and_authors(newsroom):
    from kabar.comments.models import ReaderComment

    assert newsroom.counts["comment"] == {"created": 60 + 7 + 4, "skipped": 1 + 3}
    statuses = Counter(ReaderComment.objects.values_list("status", flat=True))
    assert statuses == {"approved": 60, "pending": 7, "trash": 4}
    assert max(ReaderComment.objects.values_list("depth", flat=True)) == 4
    reply = comment(27)  # 23 ← 24 ← 27 on post 87
    assert reply.parent == comment(24) and reply.parent.parent == comment(23)
    assert reply.article == imported_post(87) and reply.depth == 3
    assert comment(20).parent == comment(19) and comment(19).status == "trash"
    assert comment(19).previous_status == "approved"
    assert comment(24).author_name == "Ahmad 🇮🇩" and comment(24).author_ip == "2001:db8:45::1a"
    assert comment(23).created_at == datetime.datetime(2025, 8, 26, 14, 54, tzinfo=datetime.UTC)
    assert comment(68).is_newsroom
    injected = comment(53).body
    assert "<script" not in injected and "onerror" not in injected and "<img" not in injected
    assert ("comment 39 on post 147", "Pingbacks and trackbacks are not imported.") in [
        (label[: len("comment 39 on post 147")], reason) for label, reason in newsroom.skipped
    ]
