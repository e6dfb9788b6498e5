"""What the import skips for speed still comes out the same: CDN purges, lookups per run."""

from unittest import mock

import pytest
from wagtail.contrib.redirects.models import Redirect

from kabar.ingest.models import WordPressItem
from kabar.ingest.services import posts, wxr_import
from kabar.news.models import ArticlePage, SectionPage
from kabar.news.tests.factories import ArticlePageFactory
from kabar.pagecache import purge

from .wxr_samples import wxr_document, wxr_post

pytestmark = pytest.mark.django_db


def test_an_import_purges_the_cdn_once_for_the_whole_site_not_page_by_page(
    home, cdn, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "kabar.pagecache.purge.everything_purge",
            wraps=purge.everything_purge,
        ) as everything,
        django_capture_on_commit_callbacks(execute=True),
    ):
        wxr_import(source=wxr_document(wxr_post(1), wxr_post(2)))
    assert ArticlePage.objects.live().count() == 2
    everything.assert_called_once_with()
    article = ArticlePage.objects.get(slug="berita-1")
    root = article.get_site().root_url
    # The one whole-site purge lists each article once.
    assert cdn.count(f"{root}{article.url}") == 1


def test_publishing_after_an_import_purges_the_page_from_the_cdn_again(
    home, cdn, django_capture_on_commit_callbacks
):
    wxr_import(source=wxr_document(wxr_post(1)))
    section = SectionPage.objects.get(slug="berita")
    article = ArticlePageFactory(parent=section, title="Banjir di Jakarta")
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert cdn.count(f"{article.get_site().root_url}{article.url}") == 1


def test_a_post_that_fails_after_its_page_was_added_leaves_its_section_usable(home):
    real_publication_apply = posts.publication_apply
    calls = []

    def first_one_fails(**kwargs):
        calls.append(kwargs["item"].id)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return real_publication_apply(**kwargs)

    with mock.patch.object(posts, "publication_apply", first_one_fails):
        summary = wxr_import(source=wxr_document(wxr_post(1), wxr_post(2), wxr_post(3)))
    assert summary.counts["post"] == {"skipped": 1, "created": 2}
    section = SectionPage.objects.get(slug="berita")
    # The rolled-back first article left no trace in the tree: the section counts two.
    assert section.numchild == 2
    assert sorted(section.get_children().values_list("slug", flat=True)) == [
        "berita-2",
        "berita-3",
    ]
    rerun = wxr_import(source=wxr_document(wxr_post(1), wxr_post(2), wxr_post(3)))
    assert rerun.counts["post"] == {"created": 1, "unchanged": 2}
    assert SectionPage.objects.get(pk=section.pk).numchild == 3


def test_a_post_whose_article_was_deleted_is_made_again_under_its_old_record(home):
    wxr_import(source=wxr_document(wxr_post(1)))
    record = WordPressItem.objects.get(kind="post", wp_id="1")
    ArticlePage.objects.get().delete()
    summary = wxr_import(source=wxr_document(wxr_post(1, title="Dibuat lagi")))
    assert summary.counts["post"] == {"created": 1}
    article = ArticlePage.objects.get()
    record.refresh_from_db()
    assert (record.object_id, article.title) == (str(article.pk), "Dibuat lagi")
    assert WordPressItem.objects.filter(kind="post").count() == 1


def test_an_old_address_moves_to_the_post_that_last_had_it(home):
    wxr_import(source=wxr_document(wxr_post(1, slug="gempa")))
    first = ArticlePage.objects.get()
    old = Redirect.objects.get(old_path="/2025/08/01/gempa")
    assert old.redirect_page_id == first.pk
    # Another post of the same day with the same slug: WordPress gave it the address since.
    wxr_import(source=wxr_document(wxr_post(1, slug="gempa"), wxr_post(2, slug="gempa")))
    second = ArticlePage.objects.exclude(pk=first.pk).get()
    assert Redirect.objects.filter(old_path="/2025/08/01/gempa").count() == 1
    old.refresh_from_db()
    assert (old.redirect_page_id, old.is_permanent) == (second.pk, True)
