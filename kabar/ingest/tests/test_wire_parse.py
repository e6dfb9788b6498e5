"""Each wire format parsed from sample files in the shapes agencies publish."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kabar.ingest.wire import WireParseError, wire_parse
from kabar.ingest.wire.parse import file_parse

WIRE = Path(__file__).parent / "files" / "wire"
WIB = timezone(timedelta(hours=7))


def parse(kind: str, name: str):
    return wire_parse(kind, (WIRE / name).read_bytes())


def test_antara_rss_items_with_dateline_credit_and_images():
    batch = parse("rss", "antara-rss.xml")
    assert batch.refused == []
    first, second, third = batch.entries
    assert first.guid == "antara-4001"
    assert first.headline == "China dan Indonesia sepakat perluas kerja sama perdagangan"
    assert (first.dateline_place, first.dateline_agency) == ("Beijing", "ANTARA")
    assert first.body_html.startswith("<p>Kementerian Perdagangan China")
    assert first.published_at == datetime(2024, 10, 30, 10, 0, tzinfo=WIB)
    assert first.byline == "Ahmad Wijaya" and first.keywords == ["Dunia", "Perdagangan"]
    assert first.images[0].url == "https://img.antaranews.example/cache/4001.jpg"
    assert first.language == "id"
    # Plain-text descriptions become paragraphs.
    assert second.body_html.count("<p>") == 2
    assert (second.dateline_place, second.dateline_agency) == ("Jakarta", "ANTARA")
    assert third.images[0].caption.startswith("Para pemain Timnas")
    assert third.images[0].credit == "ANTARA/Rina Putri"
    assert (third.dateline_place, third.dateline_agency) == ("Kuala Lumpur", "ANTARA")


def test_body_is_sanitised_to_what_the_article_body_allows():
    body = parse("rss", "antara-rss.xml").entries[0].body_html
    assert "<script" not in body and "alert" not in body
    assert "onclick" not in body and "<img" not in body and "<strong>" not in body
    assert "<p>Menteri kedua negara bertemu di Beijing.</p>" in body


def test_atom_entry():
    (entry,) = parse("rss", "reuters-atom.xml").entries
    assert entry.guid == "tag:reuters.example,2024:newsml_L4N3M0001"
    assert (entry.dateline_place, entry.dateline_agency) == ("Tokyo", "Reuters")
    assert "<h2>Yen melemah</h2>" in entry.body_html
    assert entry.updated_at == datetime(2024, 10, 30, 3, 20, tzinfo=UTC)
    assert entry.summary.startswith("BOJ mempertahankan")
    assert entry.language == "id" and entry.byline == "Leika Kihara"
    assert entry.images[0].caption == "Gedung Bank of Japan di Tokyo."


def test_newsml_g2_text_item_with_its_picture():
    batch = parse("newsml", "newsml-g2.xml")
    (entry,) = batch.entries
    assert entry.guid == "urn:newsml:antaranews.example:20241030:5001"
    assert entry.version == "2" and not entry.killed
    assert (entry.dateline_place, entry.dateline_agency) == ("Ambon", "ANTARA")
    assert entry.body_html.startswith("<p>Gempa bumi bermagnitudo 5,6")
    assert "<em>tidak berpotensi tsunami</em>" in entry.body_html
    assert entry.keywords == ["Lingkungan", "gempa", "Maluku"]
    assert entry.credit == "ANTARA" and entry.byline == "Dedy Azis"
    assert entry.images[0].url == "https://img.antaranews.example/foto/5001.jpg"
    assert entry.images[0].credit == "ANTARA FOTO/Fikri"
    assert entry.published_at == datetime(2024, 10, 30, 9, 40, tzinfo=WIB)


def test_newsml_g2_canceled_status_is_a_kill():
    data = (WIRE / "newsml-g2.xml").read_bytes().replace(b"stat:usable", b"stat:canceled", 1)
    assert wire_parse("newsml", data).entries[0].killed


def test_ninjs_item():
    (entry,) = parse("ninjs", "ninjs.json").entries
    assert entry.guid == "urn:ninjs:bernama.example:2024:7001"
    assert (entry.dateline_place, entry.dateline_agency) == ("Kuala Lumpur", "Bernama")
    assert entry.body_html.startswith("<p>Pemerintah Malaysia")
    assert entry.keywords == ["Politik", "perbatasan", "Kalimantan"]
    assert entry.images[0].caption == "Peta perbatasan darat di Kalimantan."
    assert entry.url == "https://bernama.example/id/news/7001"


def test_ninjs_withdrawn_and_rss_kill_headline_are_kills():
    data = (WIRE / "ninjs.json").read_bytes().replace(b'"usable"', b'"canceled"')
    assert wire_parse("ninjs", data).entries[0].killed
    data = (
        (WIRE / "antara-rss.xml")
        .read_bytes()
        .replace(b"<title>Harga minyak", b"<title>DICABUT: Harga minyak")
    )
    assert [e.killed for e in wire_parse("rss", data).entries] == [False, True, False]


@pytest.mark.parametrize(
    "name", ["antara-rss.xml", "reuters-atom.xml", "newsml-g2.xml", "ninjs.json"]
)
def test_folder_files_are_sniffed(name):
    assert file_parse((WIRE / name).read_bytes()).entries


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("rss", b"<rss><channel><item><title>Putus"),
        ("rss", b"<html><body>not a feed</body></html>"),
        ("newsml", b"<rss/>"),
        ("ninjs", b"{not json"),
        ("folder", b"plain text"),
    ],
)
def test_broken_documents_raise(kind, data):
    with pytest.raises(WireParseError):
        wire_parse(kind, data)


def test_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title><guid>x</guid></item></channel></rss>"""
    with pytest.raises(WireParseError, match="refused"):
        wire_parse("rss", bomb)


def test_one_bad_item_is_refused_not_the_feed():
    data = (WIRE / "antara-rss.xml").read_bytes()
    data = data.replace(b'<guid isPermaLink="false">antara-4002</guid>', b"", 1)
    data = data.replace(b"<link>https://www.antaranews.example/berita/4002/", b"<x>", 1)
    data = data.replace(b"naik-tipis</link>", b"</x>", 1)
    batch = wire_parse("rss", data)
    assert [e.guid for e in batch.entries] == ["antara-4001", "antara-4003"]
    assert len(batch.refused) == 1


def test_checksum_changes_with_the_text_only():
    entry = parse("rss", "antara-rss.xml").entries[0]
    again = parse("rss", "antara-rss.xml").entries[0]
    assert entry.checksum == again.checksum
    again.body_html += "<p>Tambahan.</p>"
    assert entry.checksum != again.checksum
