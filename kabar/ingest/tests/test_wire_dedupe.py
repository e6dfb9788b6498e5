"""Near-duplicate detection: the same story from two agencies or lightly rewritten is grouped."""

import pytest

from kabar.ingest.models import WireItem, WireSource
from kabar.ingest.services.wire import wire_item_upsert
from kabar.ingest.services.wire_dedupe import (
    THRESHOLD,
    signature_similarity,
    similar_find,
    text_signature,
)
from kabar.ingest.wire import WireEntry
from kabar.news.tests.factories import ArticlePageFactory

ORIGINAL = (
    "Kementerian Perdagangan China dan Indonesia menandatangani nota kesepahaman untuk "
    "memperluas kerja sama perdagangan bilateral pada Rabu. Kesepakatan itu mencakup produk "
    "pertanian, nikel dan kendaraan listrik. Menteri kedua negara bertemu di Beijing dan "
    "menargetkan nilai perdagangan naik dua kali lipat dalam lima tahun."
)
SAME_STORIES = [
    # Another agency's copy of the same release, lightly reworded.
    (
        ORIGINAL,
        "Kementerian Perdagangan Indonesia dan China menandatangani nota kesepahaman untuk "
        "memperluas kerja sama perdagangan bilateral, Rabu. Kesepakatan tersebut mencakup produk "
        "pertanian, nikel serta kendaraan listrik. Menteri kedua negara bertemu di Beijing dan "
        "menargetkan nilai perdagangan naik dua kali lipat dalam lima tahun.",
    ),
    # A rewrite with affixes changed and a sentence dropped.
    (
        ORIGINAL,
        "Kementerian Perdagangan China dan Indonesia menandatangani nota kesepahaman guna "
        "memperluas kerja sama perdagangan bilateral pada Rabu. Kesepakatan itu mencakup produk "
        "pertanian, nikel dan kendaraan listrik.",
    ),
    # The same copy with the dateline, capitals and punctuation changed.
    (
        ORIGINAL,
        "BEIJING (ANTARA) - " + ORIGINAL.upper().replace(",", ""),
    ),
]
DIFFERENT_STORIES = [
    # Same topic, different story.
    (
        ORIGINAL,
        "Nilai ekspor nikel Indonesia ke China turun pada September karena harga global melemah, "
        "kata Badan Pusat Statistik di Jakarta. Ekspor kendaraan listrik justru meningkat.",
    ),
    # Unrelated.
    (
        ORIGINAL,
        "Gempa bumi bermagnitudo 5,6 mengguncang wilayah Laut Banda, Maluku, Rabu pagi. BMKG "
        "menyatakan gempa tersebut tidak berpotensi tsunami dan warga diminta tetap tenang.",
    ),
    # Same boilerplate opening, different news.
    (
        "Kementerian Perdagangan menggelar konferensi pers di Jakarta pada Rabu. Menteri "
        "mengumumkan harga beras di pasar tradisional stabil menjelang akhir tahun.",
        "Kementerian Perdagangan menggelar konferensi pers di Jakarta pada Rabu. Menteri "
        "mengumumkan izin impor gula untuk industri makanan dan minuman diperpanjang.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME_STORIES)
def test_same_story_pairs_match(a, b):
    assert signature_similarity(text_signature(a), text_signature(b)) >= THRESHOLD


@pytest.mark.parametrize(("a", "b"), DIFFERENT_STORIES)
def test_different_story_pairs_do_not_match(a, b):
    assert signature_similarity(text_signature(a), text_signature(b)) < THRESHOLD


def test_too_short_text_has_no_signature():
    assert text_signature("Banjir.") is None


def entry(guid: str, body: str, headline="Kerja sama perdagangan") -> WireEntry:
    return WireEntry(guid=guid, headline=headline, body_html=f"<p>{body}</p>")


@pytest.mark.django_db
def test_copies_across_sources_are_grouped_with_their_similarity():
    antara = WireSource.objects.create(name="ANTARA", url="https://a.example/", credit="ANTARA")
    xinhua = WireSource.objects.create(name="Xinhua", url="https://x.example/", credit="Xinhua")
    assert wire_item_upsert(source=antara, entry=entry("a1", ORIGINAL)) == "created"
    assert wire_item_upsert(source=xinhua, entry=entry("x1", SAME_STORIES[0][1])) == "duplicates"
    assert wire_item_upsert(source=xinhua, entry=entry("x2", DIFFERENT_STORIES[1][1])) == "created"
    copy = WireItem.objects.get(guid="x1")
    assert copy.duplicate_of.guid == "a1" and THRESHOLD <= copy.similarity <= 1
    assert WireItem.objects.get(guid="x2").duplicate_of is None


@pytest.mark.django_db
def test_copy_of_a_published_article_is_flagged(section):
    article = ArticlePageFactory(
        parent=section,
        title="Kerja sama perdagangan",
        summary="",
        body=[("paragraph", f"<p>{ORIGINAL}</p>")],
    )
    article.save_revision().publish()
    source = WireSource.objects.create(name="ANTARA", url="https://a.example/", credit="ANTARA")
    assert wire_item_upsert(source=source, entry=entry("a1", SAME_STORIES[1][1])) == "duplicates"
    item = WireItem.objects.get()
    assert item.duplicate_of_article_id == article.pk and item.duplicate_of is None
    matches = similar_find(signature=text_signature(ORIGINAL))
    assert [(fp.article_id, fp.item_id) for fp, _ in matches] == [
        (article.pk, None),
        (None, item.pk),
    ]
    article.unpublish()
    # Unpublished, it no longer counts; the wire item itself still does.
    assert [
        (fp.article_id, fp.item_id) for fp, _ in similar_find(signature=text_signature(ORIGINAL))
    ] == [(None, item.pk)]


def test_the_written_out_lsh_bands_are_datasketchs_optimum():
    from datasketch.lsh import _optimal_param

    from kabar.ingest.services import wire_dedupe

    optimum = _optimal_param(wire_dedupe.LSH_THRESHOLD, wire_dedupe.NUM_PERM, 0.5, 0.5)
    assert (wire_dedupe.BANDS, wire_dedupe.ROWS) == optimum
