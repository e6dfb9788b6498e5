"""Import the newsroom → export it → import that into an empty site: the same newsroom."""

import io

import pytest
from django.core.files.storage import default_storage
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from kabar.comments.models import ReaderComment
from kabar.ingest.models import WordPressItem
from kabar.ingest.services import ImportOptions, wxr_import
from kabar.ingest.services.export import wxr_export
from kabar.news.models import ArticlePage, Author, HomePage, SectionPage, StandardPage

from .conftest import newsroom_clock

pytestmark = pytest.mark.django_db


def section_path(section) -> tuple[str, ...]:
    """A section by its titles from the top, which survives slug changes."""
    return tuple(p.title for p in section.get_ancestors(inclusive=True).type(SectionPage))


def newsroom_snapshot() -> dict:
    articles = {}
    for article in ArticlePage.objects.prefetch_related("tags", "secondary_sections"):
        restriction = PageViewRestriction.objects.filter(page=article).first()
        articles[article.slug] = (
            article.title,
            article.first_published_at if article.live else None,
            article.go_live_at,
            article.live,
            restriction.restriction_type if restriction else "",
            section_path(article.get_parent().specific),
            sorted(section_path(s) for s in article.secondary_sections.all()),
            sorted(article.tags.names()),
            article.featured_image.title if article.featured_image else "",
            [a.author.name for a in article.authorships.all()],
        )
    comments = sorted(
        (
            c.article.slug,
            c.body,
            c.status,
            c.author_email,
            str(c.author_ip),
            c.created_at,
            c.parent.body if c.parent else "",
        )
        for c in ReaderComment.objects.select_related("article", "parent")
    )
    pages = {
        page.slug: (
            page.title,
            page.live,
            page.first_published_at if page.live else None,
            page.get_parent().slug,
            [(block.block_type, str(block.value)) for block in page.body],
        )
        for page in StandardPage.objects.all()
    }
    return {
        "articles": articles,
        "pages": pages,
        "sections": sorted(section_path(s) for s in SectionPage.objects.all()),
        "tags": sorted(Tag.objects.values_list("name", "slug")),
        "comments": comments,
    }


def newsroom_empty() -> None:
    """Everything the import made goes; the home page and site stay, as on a fresh install."""
    ReaderComment.objects.all().delete()
    for page in HomePage.objects.get().get_children():
        page.delete()  # with its subsections, articles and subpages
    Author.objects.all().delete()
    Tag.objects.all().delete()
    get_image_model().objects.all().delete()
    Redirect.objects.all().delete()
    WordPressItem.objects.all().delete()


def test_newsroom_survives_export_and_reimport(newsroom, tmp_path, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kabarharapan.id"
    before = newsroom_snapshot()
    out = io.StringIO()
    with newsroom_clock():  # a post still scheduled is exported as "future"
        counts = wxr_export(out=out)
    assert counts["post"] == 119
    assert counts["page"] == StandardPage.objects.count() == 5
    assert counts["comment"] == ReaderComment.objects.count() > 0
    # The images' files, laid out as the export's _wp_attached_file paths name them.
    media = tmp_path / "media"
    for image in get_image_model().objects.all():
        target = media / image.file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(image.file.name, "rb") as source:
            target.write_bytes(source.read())

    newsroom_empty()
    assert ArticlePage.objects.count() == StandardPage.objects.count() == Tag.objects.count() == 0
    with newsroom_clock():
        summary = wxr_import(source=out.getvalue().encode(), options=ImportOptions(media_dir=media))

    assert not summary.fatal and not summary.skipped
    assert summary.counts["post"] == {"created": 119}
    assert summary.counts["page"] == {"created": 5}
    after = newsroom_snapshot()
    assert after["sections"] == before["sections"]
    assert after["tags"] == before["tags"]
    assert after["comments"] == before["comments"]
    # Pages keep their place (Redaksi under Tentang Kami), body, status and date.
    assert after["pages"] == before["pages"]
    assert before["pages"]["redaksi"][3] == "tentang-kami"
    assert set(after["articles"]) == set(before["articles"])
    for slug, values in before["articles"].items():
        assert after["articles"][slug] == values, slug
