"""Search and reference indexing wait for the end of an import, and then cover everything."""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from kabar.ingest.services import ImportOptions, wxr_import
from kabar.ingest.services.indexing import index_updates_deferred
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

from .wxr_samples import wxr_document, wxr_post

pytestmark = pytest.mark.django_db


def article_index_entries() -> int:
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage)
    ).count()


def test_imported_articles_are_searchable_afterwards(home):
    wxr_import(
        source=wxr_document(
            wxr_post(1, title="Banjir rob melanda Semarang", content="Air laut naik lagi."),
            wxr_post(2, title="Harga cabai turun", content="Pedagang di Pasar Johar lega."),
        )
    )
    found = ArticlePage.objects.live().search("Semarang")
    assert [a.title for a in found] == ["Banjir rob melanda Semarang"]
    assert [a.title for a in ArticlePage.objects.live().search("Johar")] == ["Harga cabai turun"]


def test_an_updated_article_is_reindexed_with_its_new_text(home):
    wxr_import(source=wxr_document(wxr_post(1, content="Gempa di Cianjur.")))
    wxr_import(source=wxr_document(wxr_post(1, content="Gempa di Garut.")))
    assert not ArticlePage.objects.live().search("Cianjur")
    assert ArticlePage.objects.live().search("Garut").count() == 1


def test_saves_inside_the_block_are_indexed_once_at_its_end(section):
    with index_updates_deferred() as deferred:
        article = ArticlePageFactory(parent=section, title="Kapal tenggelam di Selat Bali")
        assert not ArticlePage.objects.live().search("tenggelam")
        assert article.pk in deferred.searched[ArticlePage]
    assert [a.pk for a in ArticlePage.objects.live().search("tenggelam")] == [article.pk]
    # Outside the block, saves index at once again.
    later = ArticlePageFactory(parent=section, title="Festival layang-layang di Sanur")
    assert [a.pk for a in ArticlePage.objects.live().search("layang")] == [later.pk]


def test_other_threads_keep_indexing_while_an_import_defers(section):
    entered, release = threading.Event(), threading.Event()

    def importer():
        with index_updates_deferred(apply=False):
            entered.set()
            release.wait(10)

    worker = threading.Thread(target=importer)
    worker.start()
    try:
        assert entered.wait(10)
        # This thread (a reader's request, an editor's publish) is not importing.
        article = ArticlePageFactory(parent=section, title="Pelabuhan Tanjung Priok dibuka")
        assert [a.pk for a in ArticlePage.objects.live().search("Priok")] == [article.pk]
    finally:
        release.set()
        worker.join()


def test_dry_run_indexes_nothing(home):
    before = article_index_entries()
    wxr_import(source=wxr_document(wxr_post(1)), options=ImportOptions(dry_run=True))
    assert article_index_entries() == before
    assert not ArticlePage.objects.exists()


def test_references_are_recorded_once_the_block_ends(section):
    author = AuthorFactory(name="Rina Marlina")
    with index_updates_deferred():
        # The credit is an inline child saved after its article: recorded on the article.
        article = ArticlePageFactory(parent=section, title="Rapat paripurna", authors=[author])
        assert not ReferenceIndex.get_references_to(author).exists()
    references = ReferenceIndex.get_references_to(author)
    assert list(references.values_list("object_id", flat=True)) == [str(article.pk)]


def test_a_long_import_indexes_as_it_goes_so_what_it_holds_stays_small(home, monkeypatch):
    from kabar.ingest.services import indexing

    monkeypatch.setattr(indexing, "FLUSH_AT", 2)
    held = []
    real_apply = indexing.DeferredIndexUpdates.apply

    def apply(self, **kwargs):
        held.append(len(self))
        return real_apply(self, **kwargs)

    monkeypatch.setattr(indexing.DeferredIndexUpdates, "apply", apply)
    posts = [wxr_post(n, title=f"Berita {n}", content=f"Kabar desa nomor{n}.") for n in range(1, 7)]
    wxr_import(source=wxr_document(*posts))
    # Indexed in several rounds between posts, each holding a post or two, not all six.
    assert len(held) >= 3
    assert max(held) <= 4
    for n in range(1, 7):
        assert ArticlePage.objects.live().search(f"nomor{n}").count() == 1, n


def test_a_long_dry_run_still_indexes_nothing(home, monkeypatch):
    from kabar.ingest.services import indexing

    monkeypatch.setattr(indexing, "FLUSH_AT", 1)
    before = article_index_entries()
    wxr_import(
        source=wxr_document(wxr_post(1), wxr_post(2), wxr_post(3)),
        options=ImportOptions(dry_run=True),
    )
    assert article_index_entries() == before
