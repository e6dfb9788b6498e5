"""Import runs on small exports: updates, interrupted runs, dry runs, bad input."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from kabar.ingest.models import WordPressItem
from kabar.ingest.services import ImportOptions, wxr_import
from kabar.news.models import ArticlePage, Author, SectionPage

from .wxr_samples import wxr_document, wxr_post

pytestmark = pytest.mark.django_db


def test_a_newer_export_updates_only_what_changed(home):
    wxr_import(source=wxr_document(wxr_post(1), wxr_post(2)))
    summary = wxr_import(
        source=wxr_document(wxr_post(1, title="Judul baru"), wxr_post(2), wxr_post(3))
    )
    assert summary.counts["post"] == {"updated": 1, "unchanged": 1, "created": 1}
    titles = sorted(ArticlePage.objects.values_list("title", flat=True))
    assert titles == ["Berita 2", "Berita 3", "Judul baru"]


def test_an_interrupted_import_finishes_when_run_again(home):
    full = wxr_document(*(wxr_post(n) for n in range(1, 6)))
    cut = full[: full.index(b"<wp:post_id>4")]
    first = wxr_import(source=cut)
    assert "line" in first.fatal and 'post 3 "Berita 3"' in first.fatal
    # Nothing of a cut-off export is published: the rerun with the whole file does it all.
    assert "Import the complete export again" in first.fatal
    assert ArticlePage.objects.count() == 0
    second = wxr_import(source=full)
    assert not second.fatal
    assert second.counts["post"] == {"created": 5}
    assert ArticlePage.objects.count() == 5
    assert WordPressItem.objects.filter(kind="post").count() == 5


def test_dry_run_reports_without_writing(home):
    summary = wxr_import(
        source=wxr_document(wxr_post(1), wxr_post(2)), options=ImportOptions(dry_run=True)
    )
    assert summary.counts["post"] == {"created": 2}
    assert not ArticlePage.objects.exists()
    assert not WordPressItem.objects.exists() and not Redirect.objects.exists()


def test_bad_items_are_skipped_with_their_reason_and_the_rest_imported(home):
    summary = wxr_import(
        source=wxr_document(
            wxr_post(1),
            wxr_post(2, post_type="product"),
            wxr_post(3, status="inherit"),
            wxr_post(4),
        )
    )
    assert ArticlePage.objects.count() == 2
    reasons = dict(summary.skipped)
    assert 'product 2 "Berita 2": unknown post type “product”.' in reasons.values()
    assert reasons['post 3 "Berita 3"'] == "Unknown status “inherit”."


def test_missing_media_is_reported_not_fatal(home, tmp_path):
    attachment = wxr_post(
        9,
        post_type="attachment",
        status="inherit",
        categories=(),
        extra="<wp:attachment_url>http://lama.test/wp-content/uploads/2025/08/"
        "foto.jpg</wp:attachment_url>",
    )
    image = (
        '<!-- wp:image {"id":9} --><figure class="wp-block-image"><img src="http://lama.'
        'test/wp-content/uploads/2025/08/foto.jpg" class="wp-image-9"/><figcaption>Banjir di '
        "Kampung Melayu.</figcaption></figure><!-- /wp:image -->"
    )
    summary = wxr_import(
        source=wxr_document(attachment, wxr_post(1, content=image)),
        options=ImportOptions(media_dir=tmp_path),
    )
    assert summary.skipped == [
        ('attachment 9 "Berita 9"', "The file 2025/08/foto.jpg is not in the media folder.")
    ]
    body = ArticlePage.objects.get().body
    assert [(b.block_type, b.value.source) for b in body] == [
        ("paragraph", "<p>Banjir di Kampung Melayu.</p>")
    ]
    assert any("was not imported" in message for _label, message in summary.warnings)


def test_posts_move_when_their_category_changes(home):
    wxr_import(source=wxr_document(wxr_post(1)))
    moved = wxr_post(1).replace(
        'nicename="berita"><![CDATA[Berita]]>', 'nicename="opini"><![CDATA[Opini]]>'
    )
    opini = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>opini"
        "</wp:category_nicename><wp:cat_name>Opini</wp:cat_name></wp:category>"
    )
    wxr_import(source=wxr_document(opini, moved))
    assert ArticlePage.objects.get().get_parent().slug == "opini"
    assert SectionPage.objects.filter(slug__in=["berita", "opini"]).count() == 2


def test_staff_accounts_are_made_without_passwords(home):
    wxr_import(source=wxr_document(wxr_post(1)), options=ImportOptions(staff_accounts=True))
    user = get_user_model().objects.get(username="redaksi")
    assert not user.has_usable_password()
    assert Author.objects.get(name="Tim Redaksi").user == user
    assert user.groups.filter(name="Penulis").exists()


def test_command_prints_a_summary_and_fails_cleanly_on_bad_files(home, tmp_path, capsys):
    export = tmp_path / "ekspor.xml"
    export.write_bytes(wxr_document(wxr_post(1)))
    call_command("import_wordpress", str(export), "--dry-run")
    out = capsys.readouterr().out
    assert "Dry run: nothing was written." in out and "post: created 1" in out
    export.write_bytes(b"bukan xml")
    with pytest.raises(CommandError, match="not an XML file"):
        call_command("import_wordpress", str(export))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_wordpress", str(tmp_path / "tidak-ada.xml"))


def test_summary_reasons_are_translated_to_indonesian(home):
    with translation.override("id"):
        summary = wxr_import(source=wxr_document(wxr_post(1, status="trash")))
    assert summary.skipped == [('post 1 "Berita 1"', "Tulisan ini ada di tempat sampah WordPress.")]


def test_untitled_empty_drafts_are_kept_as_drafts(home):
    draft = wxr_post(
        1, title="", slug="", content="", status="draft", date_gmt="0000-00-00 00:00:00"
    )
    wxr_import(source=wxr_document(draft))
    article = ArticlePage.objects.get()
    assert article.title == "(untitled)" and not article.live
    assert article.first_published_at is None and article.slug == "post-1"


def test_scheduled_posts_wait_and_past_schedules_go_live_with_their_date(home):
    wxr_import(
        source=wxr_document(
            wxr_post(1, status="future", date_gmt="2099-01-01 00:00:00"),
            wxr_post(2, status="future", date_gmt="2025-01-02 03:00:00"),
        )
    )
    waiting, past = ArticlePage.objects.order_by("pk")
    assert not waiting.live and waiting.go_live_at.year == 2099
    assert past.live and past.first_published_at.isoformat() == "2025-01-02T03:00:00+00:00"


def test_a_corrupt_image_is_reported_and_the_rest_imported(home, tmp_path):
    from wagtail.images import get_image_model

    folder = tmp_path / "2025" / "08"
    folder.mkdir(parents=True)
    (folder / "rusak.jpg").write_bytes(b"\xff\xd8\xff this is not really a JPEG")
    attachment = wxr_post(
        9,
        post_type="attachment",
        status="inherit",
        categories=(),
        extra="<wp:attachment_url>http://lama.test/wp-content/uploads/2025/08/"
        "rusak.jpg</wp:attachment_url>",
    )
    summary = wxr_import(
        source=wxr_document(attachment, wxr_post(1), wxr_post(2)),
        options=ImportOptions(media_dir=tmp_path),
    )
    assert not summary.fatal
    ((label, reason),) = summary.skipped
    assert label == 'attachment 9 "Berita 9"'
    assert reason.startswith("The file could not be stored as an image")
    assert not get_image_model().objects.exists()
    assert ArticlePage.objects.count() == 2


def test_imported_tags_reuse_an_existing_tag_whatever_its_case(home):
    from taggit.models import Tag

    existing = Tag.objects.create(name="Transportasi", slug="transportasi")
    term = (
        "<wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug><![CDATA[transportasi]]></wp:tag_slug>"
        "<wp:tag_name><![CDATA[transportasi]]></wp:tag_name></wp:tag>"
    )
    wxr_import(source=wxr_document(term, wxr_post(1, tags=["transportasi"])))
    article = ArticlePage.objects.get()
    assert list(article.tags.all()) == [existing]
    assert list(Tag.objects.values_list("slug", flat=True)) == ["transportasi"]
