"""manage.py export_wordpress: the site as WXR 1.2, filtered by date range and section."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from kabar.comments.models import ReaderComment
from kabar.comments.tests.factories import ReaderCommentFactory
from kabar.ingest.services.export import wxr_export
from kabar.ingest.wxr.export import cdata
from kabar.news.models import StandardPage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db
NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def exported(**filters) -> ET.Element:
    out = io.StringIO()
    wxr_export(out=out, **filters)
    return ET.fromstring(out.getvalue().encode())


def posts(root: ET.Element) -> dict[str, ET.Element]:
    return {
        item.findtext("title"): item
        for item in root.iter("item")
        if item.findtext("wp:post_type", namespaces=NS) == "post"
    }


def comment(article, body, status=ReaderComment.Status.APPROVED, parent=None):
    return ReaderCommentFactory(
        article=article,
        parent=parent,
        author_name="Rina",
        author_email="rina@example.id",
        author_url="https://rina.example.id/",
        author_ip="203.0.113.7",
        body=body,
        status=status,
    )


@pytest.fixture
def site(home, section):
    nested = SectionPageFactory(parent=section, title="Asia", slug="asia")
    ekonomi = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    writer = AuthorFactory(name="Muhammad Syafi’i")
    photo = get_image_model().objects.create(
        title="Tembok Besar", file=get_test_image_file(filename="tembok.png")
    )
    lead = ArticlePageFactory(
        parent=nested,
        title="Tiongkok & Indonesia sepakat",
        slug="tiongkok-indonesia-sepakat",
        summary="Kerja sama ]]> baru.",
        first_published_at=datetime.datetime(2025, 3, 1, 3, 0, tzinfo=datetime.UTC),
        featured_image=photo,
        body=[
            ("paragraph", "<p>BEIJING (ANTARA) – Kedua negara <b>sepakat</b>.</p>"),
            ("subheading", "Latar belakang"),
            ("quote", {"quote": "Kita bersahabat.", "attribution": "Menlu"}),
            ("image", {"image": photo, "alt_text": "Tembok", "caption": "Di Beijing"}),
        ],
        authors=[writer],
    )
    lead.tags.add("Tiongkok", "diplomasi")
    lead.secondary_sections.add(ekonomi)
    lead.save()
    ArticlePageFactory(
        parent=ekonomi,
        title="Harga beras naik",
        slug="harga-beras-naik",
        first_published_at=datetime.datetime(2025, 5, 10, 2, 0, tzinfo=datetime.UTC),
        authors=[writer],
    )
    draft = ArticlePageFactory(parent=ekonomi, title="Draf anggaran", slug="draf-anggaran")
    draft.unpublish()
    private = ArticlePageFactory(
        parent=ekonomi,
        title="Khusus pelanggan",
        slug="khusus-pelanggan",
        first_published_at=datetime.datetime(2025, 5, 11, 2, 0, tzinfo=datetime.UTC),
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    first = comment(lead, "Setuju!")
    reply = comment(lead, "Saya juga <3", parent=first)
    comment(lead, "Beli obat murah", status=ReaderComment.Status.SPAM)
    comment(lead, "Menunggu", status=ReaderComment.Status.PENDING, parent=reply)
    return {"lead": lead, "photo": photo, "first": first, "reply": reply, "writer": writer}


def test_export_is_wxr_1_2_with_channel_authors_categories_and_tags(site, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kabarharapan.id"
    root = exported()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Kabar Harapan"
    assert channel.findtext("language") == "id"
    assert channel.findtext("wp:wxr_version", namespaces=NS) == "1.2"
    assert channel.findtext("wp:base_site_url", namespaces=NS) == "https://kabarharapan.id"
    author = channel.find("wp:author", NS)
    assert author.findtext("wp:author_login", namespaces=NS) == site["writer"].slug
    assert author.findtext("wp:author_display_name", namespaces=NS) == "Muhammad Syafi’i"
    parents = {
        c.findtext("wp:category_nicename", namespaces=NS): c.findtext(
            "wp:category_parent", namespaces=NS
        )
        for c in channel.findall("wp:category", NS)
    }
    assert parents == {"luar-negeri": "", "asia": "luar-negeri", "ekonomi": ""}
    tags = {t.findtext("wp:tag_name", namespaces=NS) for t in channel.findall("wp:tag", NS)}
    assert tags == {"Tiongkok", "diplomasi"}


def test_article_item_has_body_html_terms_dates_status_and_featured_image(site, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kabarharapan.id"
    root = exported()
    item = posts(root)["Tiongkok & Indonesia sepakat"]
    assert item.findtext("wp:post_name", namespaces=NS) == "tiongkok-indonesia-sepakat"
    assert item.findtext("wp:status", namespaces=NS) == "publish"
    assert item.findtext("wp:post_date_gmt", namespaces=NS) == "2025-03-01 03:00:00"
    assert item.findtext("wp:post_date", namespaces=NS) == "2025-03-01 10:00:00"
    assert item.findtext("pubDate") == "Sat, 01 Mar 2025 03:00:00 +0000"
    assert item.findtext("dc:creator", namespaces=NS) == site["writer"].slug
    assert item.find("guid").get("isPermaLink") == "false"
    assert (
        item.findtext("link")
        == "https://kabarharapan.id/luar-negeri/asia/tiongkok-indonesia-sepakat/"
    )
    assert item.findtext("excerpt:encoded", namespaces=NS) == "Kerja sama ]]> baru."
    body = item.findtext("content:encoded", namespaces=NS)
    assert "<p>BEIJING (ANTARA) – Kedua negara <b>sepakat</b>.</p>" in body
    assert "<h2>Latar belakang</h2>" in body
    assert "<blockquote><p>Kita bersahabat.</p><cite>Menlu</cite></blockquote>" in body
    photo_url = "https://kabarharapan.id" + site["photo"].file.url
    assert f'<img src="{photo_url}" alt="Tembok"' in body
    assert "<figcaption>Di Beijing</figcaption>" in body
    terms = [(c.get("domain"), c.get("nicename"), c.text) for c in item.findall("category")]
    assert terms[:2] == [("category", "asia", "Asia"), ("category", "ekonomi", "Ekonomi")]
    assert sorted(terms[2:]) == [
        ("post_tag", "diplomasi", "diplomasi"),
        ("post_tag", "tiongkok", "Tiongkok"),
    ]
    meta = {
        m.findtext("wp:meta_key", namespaces=NS): m.findtext("wp:meta_value", namespaces=NS)
        for m in item.findall("wp:postmeta", NS)
    }
    attachments = [
        i for i in root.iter("item") if i.findtext("wp:post_type", namespaces=NS) == "attachment"
    ]
    assert len(attachments) == 1
    assert meta["_thumbnail_id"] == attachments[0].findtext("wp:post_id", namespaces=NS)
    assert attachments[0].findtext("wp:attachment_url", namespaces=NS) == photo_url
    assert f'class="wp-image-{meta["_thumbnail_id"]}"' in body


def test_statuses_follow_the_page_state(site):
    items = posts(exported())
    status = {title: i.findtext("wp:status", namespaces=NS) for title, i in items.items()}
    assert status["Draf anggaran"] == "draft"
    assert status["Khusus pelanggan"] == "private"
    assert status["Harga beras naik"] == "publish"
    assert items["Draf anggaran"].findtext("wp:post_date_gmt", namespaces=NS) == (
        "0000-00-00 00:00:00"
    )


def test_comments_keep_status_and_threading(site):
    item = posts(exported())["Tiongkok & Indonesia sepakat"]
    comments = {
        c.findtext("wp:comment_content", namespaces=NS): c for c in item.findall("wp:comment", NS)
    }
    assert len(comments) == 4
    reply = comments["Saya juga <3"]
    assert reply.findtext("wp:comment_parent", namespaces=NS) == str(site["first"].pk)
    assert reply.findtext("wp:comment_author_IP", namespaces=NS) == "203.0.113.7"
    assert reply.findtext("wp:comment_author_email", namespaces=NS) == "rina@example.id"
    assert reply.findtext("wp:comment_user_id", namespaces=NS) == "0"
    approved = {k: c.findtext("wp:comment_approved", namespaces=NS) for k, c in comments.items()}
    assert approved == {
        "Setuju!": "1",
        "Saya juga <3": "1",
        "Beli obat murah": "spam",
        "Menunggu": "0",
    }
    assert comments["Menunggu"].findtext("wp:comment_parent", namespaces=NS) == str(
        site["reply"].pk
    )


def test_date_range_keeps_only_articles_dated_inside_it(site):
    items = posts(exported(since=datetime.date(2025, 5, 1), until=datetime.date(2025, 5, 10)))
    assert set(items) == {"Harga beras naik"}
    tags = exported(until=datetime.date(2025, 3, 1)).find("channel").findall("wp:tag", NS)
    assert len(tags) == 2


def test_section_filter_includes_subsections_and_secondary_listings(site, section):
    assert set(posts(exported(section=section))) == {"Tiongkok & Indonesia sepakat"}
    ekonomi = site["lead"].secondary_sections.get()
    assert set(posts(exported(section=ekonomi))) == {
        "Tiongkok & Indonesia sepakat",
        "Harga beras naik",
        "Draf anggaran",
        "Khusus pelanggan",
    }


def test_cdata_splits_the_closing_marker():
    assert cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"
    assert ET.fromstring(f"<x>{cdata('a]]>b')}</x>").text == "a]]>b"


def test_command_writes_the_file_and_rejects_bad_options(site, tmp_path):
    out = tmp_path / "kabar.xml"
    call_command("export_wordpress", str(out), "--section", "ekonomi", stdout=io.StringIO())
    assert len(posts(ET.parse(out).getroot())) == 4
    with pytest.raises(CommandError, match="not a date"):
        call_command("export_wordpress", str(out), "--since", "kemarin")
    with pytest.raises(CommandError, match="no section"):
        call_command("export_wordpress", str(out), "--section", "olahraga")
    with pytest.raises(CommandError, match="after"):
        call_command("export_wordpress", str(out), "--since", "2025-05-02", "--until", "2025-05-01")


def pages(root: ET.Element) -> dict[str, ET.Element]:
    return {
        item.findtext("title"): item
        for item in root.iter("item")
        if item.findtext("wp:post_type", namespaces=NS) == "page"
    }


def test_standard_pages_become_wordpress_pages_under_their_parents(site, home, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kabarharapan.id"
    about = home.add_child(
        instance=StandardPage(
            title="Tentang Kami",
            slug="tentang-kami",
            body=[("paragraph", "<p>Kami media <b>independen</b>.</p>")],
        )
    )
    about.save_revision().publish()
    staff = about.add_child(
        instance=StandardPage(
            title="Susunan Redaksi",
            slug="redaksi",
            body=[("subheading", "Pemimpin Redaksi"), ("paragraph", "<p>Rina Marlina</p>")],
        )
    )
    staff.save_revision().publish()
    home.add_child(instance=StandardPage(title="Kebijakan Privasi", slug="privasi", live=False))

    root = exported()
    items = pages(root)
    assert list(items) == ["Tentang Kami", "Susunan Redaksi", "Kebijakan Privasi"]
    about_item, staff_item, draft_item = items.values()
    assert about_item.findtext("wp:post_parent", namespaces=NS) == "0"
    assert staff_item.findtext("wp:post_parent", namespaces=NS) == str(about.pk)
    assert staff_item.findtext("wp:post_id", namespaces=NS) == str(staff.pk)
    assert staff_item.findtext("wp:post_name", namespaces=NS) == "redaksi"
    assert staff_item.findtext("link") == "https://kabarharapan.id/tentang-kami/redaksi/"
    assert staff_item.findtext("guid") == f"https://kabarharapan.id/?page_id={staff.pk}"
    assert staff_item.findtext("content:encoded", namespaces=NS) == (
        "<h2>Pemimpin Redaksi</h2>\n\n<p>Rina Marlina</p>"
    )
    assert "<b>independen</b>" in about_item.findtext("content:encoded", namespaces=NS)
    assert [i.findtext("wp:status", namespaces=NS) for i in items.values()] == [
        "publish",
        "publish",
        "draft",
    ]
    published = StandardPage.objects.get(pk=staff.pk).first_published_at.astimezone(datetime.UTC)
    assert staff_item.findtext("wp:post_date_gmt", namespaces=NS) == published.strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    assert draft_item.findtext("wp:post_date_gmt", namespaces=NS) == "0000-00-00 00:00:00"
    # Pages are the whole site's: a section's or a date range's export leaves them out.
    assert not pages(exported(section=site["lead"].get_parent().specific))
