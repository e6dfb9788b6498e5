"""A document's new items are stored together, with the same results as one by one."""

import pytest

from kabar.ingest.models import WireBand, WireFingerprint, WireItem, WireSource
from kabar.ingest.services import wire as wire_services
from kabar.ingest.services.wire import WireCounts, wire_item_upsert
from kabar.ingest.services.wire_dedupe import THRESHOLD, signature_bands, text_signature
from kabar.ingest.services.wire_poll import wire_batch_upsert
from kabar.ingest.wire import WireEntry

from .test_wire_dedupe import DIFFERENT_STORIES, ORIGINAL, SAME_STORIES

pytestmark = pytest.mark.django_db


def entry(guid: str, body: str, **fields) -> WireEntry:
    return WireEntry(
        guid=guid,
        headline=fields.pop("headline", "Kerja sama perdagangan"),
        body_html=f"<p>{body}</p>",
        **fields,
    )


@pytest.fixture
def antara():
    return WireSource.objects.create(name="ANTARA", url="https://a.example/", credit="ANTARA")


def test_a_copy_within_the_document_and_of_stored_copy_is_grouped(antara):
    xinhua = WireSource.objects.create(name="Xinhua", url="https://x.example/", credit="Xinhua")
    wire_item_upsert(source=xinhua, entry=entry("x1", DIFFERENT_STORIES[1][1], headline="Gempa"))
    counts = WireCounts()
    wire_batch_upsert(
        source=antara,
        entries=[
            entry("a1", ORIGINAL),
            entry("a2", DIFFERENT_STORIES[0][1], headline="Ekspor nikel"),
            entry("a3", SAME_STORIES[0][1]),
            entry("a4", DIFFERENT_STORIES[1][1], headline="Gempa"),
        ],
        counts=counts,
    )
    assert (counts.found, counts.created, counts.duplicates, counts.refused) == (4, 4, 2, 0)
    items = {item.guid: item for item in WireItem.objects.filter(source=antara)}
    assert items["a1"].duplicate_of is None and items["a2"].duplicate_of is None
    assert items["a3"].duplicate_of == items["a1"]
    assert THRESHOLD <= items["a3"].similarity <= 1
    assert items["a4"].duplicate_of.guid == "x1" and items["a4"].similarity == 1.0
    # Each item is fingerprinted with its bands, so later copies find it.
    fingerprint = WireFingerprint.objects.get(item=items["a2"])
    signature = text_signature(wire_services.wire_item_text(items["a2"]))
    assert sorted(fingerprint.bands.values_list("key", flat=True)) == sorted(
        signature_bands(signature)
    )
    assert WireBand.objects.count() == 5 * len(signature_bands(signature))


def test_the_same_results_as_one_by_one(antara):
    texts = [ORIGINAL, SAME_STORIES[1][1], DIFFERENT_STORIES[0][1], SAME_STORIES[0][1]]
    entries = [entry(f"a{n}", text) for n, text in enumerate(texts)]

    def results():
        return [
            (item.duplicate_of.guid if item.duplicate_of else None, item.similarity)
            for item in WireItem.objects.order_by("guid")
        ]

    wire_batch_upsert(source=antara, entries=entries, counts=WireCounts())
    together = results()
    WireItem.objects.all().delete()
    for each in entries:
        wire_item_upsert(source=antara, entry=each)
    assert together == results()
    assert [guid for guid, _ in together] == [None, "a0", None, "a0"]


def test_versions_kills_and_repeats_in_a_document_are_applied_in_order(antara):
    wire_item_upsert(source=antara, entry=entry("a1", ORIGINAL))
    counts = WireCounts()
    wire_batch_upsert(
        source=antara,
        entries=[
            entry("a1", ORIGINAL),
            entry("a2", DIFFERENT_STORIES[1][1], headline="Gempa"),
            entry("a2", DIFFERENT_STORIES[1][1] + " Warga mengungsi.", headline="Gempa"),
            entry("a3", DIFFERENT_STORIES[0][1], headline="Ekspor nikel"),
            entry("a3", "", headline="DICABUT: Ekspor nikel", killed=True),
        ],
        counts=counts,
    )
    assert (counts.found, counts.created, counts.updated, counts.duplicates) == (5, 2, 2, 0)
    assert "Warga mengungsi" in WireItem.objects.get(guid="a2").body_html
    assert WireItem.objects.get(guid="a3").killed
    assert WireItem.objects.count() == 3


def test_a_failing_item_is_refused_alone(antara, monkeypatch):
    signature = wire_services.terms_signature

    def failing(stems):
        if "rusak" in stems:
            raise ValueError("rusak")
        return signature(stems)

    monkeypatch.setattr(wire_services, "terms_signature", failing)
    counts = WireCounts()
    wire_batch_upsert(
        source=antara,
        entries=[
            entry("a1", ORIGINAL),
            entry("a2", "RUSAK " + DIFFERENT_STORIES[1][1]),
            entry("a3", SAME_STORIES[0][1]),
        ],
        counts=counts,
    )
    assert (counts.found, counts.created, counts.duplicates, counts.refused) == (3, 2, 1, 1)
    assert counts.errors == ["a2: rusak"]
    assert sorted(WireItem.objects.values_list("guid", flat=True)) == ["a1", "a3"]
    assert WireItem.objects.get(guid="a3").duplicate_of.guid == "a1"
    assert WireFingerprint.objects.count() == 2
