"""The desk's full-text search: every word of the query, in any of its Indonesian forms, in the
dateline place, headline, summary or body, combined with the other filters."""

import io
from pathlib import Path

import pytest
from django.db import connection

from kabar.ingest.models import WireItem, WireSource
from kabar.ingest.selectors import DeskFilters, wire_item_list, wire_status_counts
from kabar.ingest.services import wire_search
from kabar.ingest.services.wire import WireCounts, wire_item_upsert
from kabar.ingest.services.wire_poll import wire_batch_upsert
from kabar.ingest.services.wire_search import search_index_ensure
from kabar.ingest.wire import WireEntry, wire_parse

pytestmark = pytest.mark.django_db
WIRE = Path(__file__).parent / "files" / "wire"
INDEX = "/admin/kawat/"


@pytest.fixture
def desk(section):
    antara = WireSource.objects.create(
        name="ANTARA", kind="rss", url="https://a.example/rss", credit="ANTARA", section=section
    )
    reuters = WireSource.objects.create(
        name="Reuters", kind="rss", url="https://r.example/atom", credit="Reuters"
    )
    # One source item by item, the other a document at once (bulk inserts): both searchable.
    for entry in wire_parse("rss", (WIRE / "antara-rss.xml").read_bytes()).entries:
        wire_item_upsert(source=antara, entry=entry)
    entries = wire_parse("rss", (WIRE / "reuters-atom.xml").read_bytes()).entries
    wire_batch_upsert(source=reuters, entries=entries, counts=WireCounts())
    return antara, reuters


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def headlines(query: str, **filters) -> list[str]:
    items = wire_item_list(filters=DeskFilters(query=query, **filters))
    return sorted(item.headline for item in items)


def test_a_word_only_in_the_body_is_found(desk):
    # "pertanian" is in the second paragraph of the China story, not its headline.
    assert headlines("pertanian") == ["China dan Indonesia sepakat perluas kerja sama perdagangan"]


def test_another_form_of_a_word_finds_the_story(desk):
    # The body says "persahabatan"; "bersahabat" has the same root.
    assert headlines("bersahabat") == ["Timnas U-17 tiba di Kuala Lumpur"]
    assert headlines("PERSAHABATAN") == ["Timnas U-17 tiba di Kuala Lumpur"]


def test_every_word_must_be_there_and_stopwords_are_left_out(desk):
    assert headlines("nikel yang kendaraan") == [
        "China dan Indonesia sepakat perluas kerja sama perdagangan"
    ]
    assert headlines("nikel Malaysia") == []


def test_the_dateline_place_is_searched(desk):
    # "BEIJING (ANTARA) –" is cut off the body into the dateline.
    assert "China dan Indonesia sepakat perluas kerja sama perdagangan" in headlines("Beijing")


def test_search_combines_with_source_status_and_section(desk):
    antara, reuters = desk
    china, oil = (
        "China dan Indonesia sepakat perluas kerja sama perdagangan",
        "Harga minyak dunia naik tipis",
    )
    japan = WireItem.objects.get(source=reuters).headline
    assert headlines("rabu") == sorted([china, oil, japan])
    assert headlines("rabu", source=reuters.pk) == [japan]
    assert headlines("rabu", section=antara.section_id) == [china, oil]
    WireItem.objects.filter(guid="antara-4002").update(status="ignored")
    assert headlines("rabu", status="ignored") == [oil]
    assert headlines("rabu", status="new", source=antara.pk) == [china]
    counts = wire_status_counts(filters=DeskFilters(query="rabu"))
    assert counts == {"new": 2, "taken": 0, "ignored": 1}


def test_a_new_version_is_searched_as_sent_and_a_deleted_item_is_gone(desk):
    antara, _reuters = desk
    entry = WireEntry(
        guid="antara-4003",
        headline="Timnas U-17 tiba di Kuala Lumpur",
        body_html="<p>Tim nasional batal bertanding karena hujan badai.</p>",
    )
    assert wire_item_upsert(source=antara, entry=entry) == "updated"
    assert headlines("bersahabat") == []
    assert headlines("badai") == ["Timnas U-17 tiba di Kuala Lumpur"]
    WireSource.objects.filter(pk=antara.pk).delete()
    assert headlines("badai") == []


def test_the_desk_says_in_indonesian_when_nothing_matches(editor_client, desk):
    body = editor_client.get(INDEX, {"q": "gempa bumi"}).content.decode()
    assert "Tidak ada item kawat yang memuat “gempa bumi”." in body
    body = editor_client.get(INDEX, {"q": "bersahabat"}).content.decode()
    assert "Timnas U-17 tiba di Kuala Lumpur" in body and "Harga minyak" not in body
    assert 'data-status="new">1<' in body


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_lost_triggers_are_made_again_after_migrate_and_the_index_rebuilt(desk):
    """Django rebuilds a SQLite table to alter a column, which drops its triggers: items
    changed meanwhile would leave the index wrong, and the next delete would corrupt it."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {wire_search.FTS_TABLE}_update")
    WireItem.objects.filter(guid="antara-4003").update(search_text="badai")
    search_index_ensure(connection=connection)
    assert headlines("badai") == ["Timnas U-17 tiba di Kuala Lumpur"]
    assert headlines("bersahabat") == []
    WireItem.objects.all().delete()
    with connection.cursor() as cursor:
        table = wire_search.FTS_TABLE
        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    assert headlines("badai") == []


def test_wire_search_rebuild_follows_a_new_protected_word(desk, settings):
    from django.core.management import call_command

    from kabar.core import text

    # "Lumpur" joins the protected words: stored as "lumpur0", found only once rebuilt.
    settings.KABAR_SEARCH_PROTECTED_WORDS = ["Lumpur"]
    text.protected_words.cache_clear()
    text.stopwords.cache_clear()
    text.word_stem.cache_clear()
    try:
        assert headlines("lumpur") == []
        out = io.StringIO()
        call_command("wire_search_rebuild", stdout=out)
        assert out.getvalue() == "1 wire items changed.\n"
        assert headlines("lumpur") == ["Timnas U-17 tiba di Kuala Lumpur"]
    finally:
        settings.KABAR_SEARCH_PROTECTED_WORDS = []
        text.protected_words.cache_clear()
        text.stopwords.cache_clear()
        text.word_stem.cache_clear()
