"""Polling wire sources served from a loopback HTTP server, as the scheduler and wire_poll do."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from freezegun import freeze_time

from kabar.ingest.models import WireItem, WireSource
from kabar.ingest.services import wire_poll as poll_module
from kabar.ingest.services.wire import wire_item_take
from kabar.ingest.services.wire_poll import wire_source_poll, wire_sources_due
from kabar.news.models import ArticlePage

from .http_server import Route

pytestmark = pytest.mark.django_db
WIRE = Path(__file__).parent / "files" / "wire"
RSS = (WIRE / "antara-rss.xml").read_bytes()
NOW = "2024-10-30 04:00:00"


@pytest.fixture
def antara(loopback, section):
    loopback.routes["/rss/dunia.xml"] = Route(body=RSS, etag='"v1"')
    return WireSource.objects.create(
        name="ANTARA Dunia",
        kind="rss",
        url=loopback.url("/rss/dunia.xml"),
        credit="ANTARA",
        section=section,
    )


def poll_line(name: str) -> str:
    out = StringIO()
    call_command("wire_poll", source=name, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


@freeze_time(NOW)
def test_first_poll_creates_items_and_records_health(antara):
    assert poll_line("ANTARA Dunia") == (
        "ANTARA Dunia: found 3, created 3, updated 0, duplicates 0, refused 0"
    )
    item = WireItem.objects.get(guid="antara-4001")
    assert item.status == WireItem.Status.NEW
    assert item.dateline == "BEIJING (ANTARA)" and item.credit_line == "ANTARA"
    antara.refresh_from_db()
    assert antara.etag == '"v1"' and antara.items_seen == 3 and antara.error_streak == 0
    assert antara.last_success_at.isoformat().startswith("2024-10-30T04:00")


def test_repeat_poll_is_a_conditional_get_and_changes_nothing(antara, loopback):
    poll_line("ANTARA Dunia")
    changed = {i.pk: i.changed_at for i in WireItem.objects.all()}
    assert poll_line("ANTARA Dunia") == (
        "ANTARA Dunia: found 0, created 0, updated 0, duplicates 0, refused 0"
    )
    assert loopback.requests[-1][1]["If-None-Match"] == '"v1"'
    assert {i.pk: i.changed_at for i in WireItem.objects.all()} == changed


def test_the_same_feed_without_etag_changes_nothing(antara, loopback):
    loopback.routes["/rss/dunia.xml"].etag = ""
    poll_line("ANTARA Dunia")
    assert poll_line("ANTARA Dunia") == (
        "ANTARA Dunia: found 3, created 0, updated 0, duplicates 0, refused 0"
    )
    assert WireItem.objects.count() == 3


def test_an_updated_item_updates_the_queue_entry(antara, loopback):
    poll_line("ANTARA Dunia")
    loopback.routes["/rss/dunia.xml"] = Route(
        body=RSS.replace(b"naik tipis</title>", b"naik 2 persen</title>"), etag='"v2"'
    )
    assert poll_line("ANTARA Dunia").endswith("created 0, updated 1, duplicates 0, refused 0")
    item = WireItem.objects.get(guid="antara-4002")
    assert item.headline == "Harga minyak dunia naik 2 persen" and item.notice == ""


def test_a_new_version_of_a_taken_item_notifies_instead_of_overwriting(antara, loopback):
    poll_line("ANTARA Dunia")
    item = WireItem.objects.get(guid="antara-4001")
    article = wire_item_take(item=item)
    loopback.routes["/rss/dunia.xml"] = Route(
        body=RSS.replace(b"kendaraan listrik.", b"kendaraan listrik dan baterai."), etag='"v2"'
    )
    poll_line("ANTARA Dunia")
    item.refresh_from_db()
    assert "kendaraan listrik dan baterai" in item.notice
    assert (
        "+Kesepakatan itu mencakup produk pertanian, nikel dan kendaraan listrik dan baterai."
        in (item.notice)
    )
    article = ArticlePage.objects.get(pk=article.pk)
    assert "baterai" not in str(article.body.raw_data)


def test_a_kill_notice_flags_the_item_and_its_article(antara, loopback):
    poll_line("ANTARA Dunia")
    item = WireItem.objects.get(guid="antara-4001")
    wire_item_take(item=item)
    killed = RSS.replace(b"<title>China dan", b"<title>DICABUT: China dan")
    loopback.routes["/rss/dunia.xml"] = Route(body=killed, etag='"v3"')
    assert "updated 1" in poll_line("ANTARA Dunia")
    item.refresh_from_db()
    assert item.killed and item.killed_at is not None
    assert "withdrawn" in item.notice
    # The withdrawn copy itself is not taken over.
    assert item.headline == "China dan Indonesia sepakat perluas kerja sama perdagangan"


def test_broken_xml_is_an_error_with_backoff(antara, loopback):
    loopback.routes["/rss/dunia.xml"] = Route(body=RSS[: len(RSS) // 2])
    with freeze_time(NOW):
        counts = wire_source_poll(source=antara)
        wire_source_poll(source=antara)
    assert counts.errors and "broken XML" in counts.errors[0]
    antara.refresh_from_db()
    assert antara.error_streak == 2 and "broken XML" in antara.last_error
    # Five minutes doubled twice.
    assert antara.next_poll_at.isoformat().startswith("2024-10-30T04:20")
    assert not WireItem.objects.exists()


def test_wire_poll_prints_errors_and_fails(antara, loopback):
    loopback.routes["/rss/dunia.xml"] = Route(body=b"<rss><channel><item>")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("wire_poll", stdout=out, stderr=err)
    assert out.getvalue().startswith("ANTARA Dunia: found 0, created 0")
    assert "broken XML" in err.getvalue()


def test_a_hanging_feed_times_out_and_the_others_are_polled(antara, loopback, monkeypatch):
    monkeypatch.setattr(poll_module, "FEED_TIMEOUT", 0.5)
    loopback.routes["/hang.xml"] = Route(body=RSS, delay=3)
    hanging = WireSource.objects.create(
        name="Lambat", kind="rss", url=loopback.url("/hang.xml"), credit="X"
    )
    counts = wire_source_poll(source=hanging)
    assert "timed out" in counts.errors[0]
    assert wire_source_poll(source=antara).created == 3


def test_a_redirect_to_127_0_0_1_is_refused(antara, loopback):
    loopback.routes["/rss/dunia.xml"] = Route(
        status=302, headers={"Location": loopback.url("/internal", host="127.0.0.1")}
    )
    loopback.routes["/internal"] = Route(body=RSS)
    counts = wire_source_poll(source=antara)
    assert "private or local" in counts.errors[0]
    assert [path for path, _ in loopback.requests] == ["/rss/dunia.xml"]
    assert not WireItem.objects.exists()


def test_keyword_filters_refuse_items(antara):
    antara.keywords_exclude = "olahraga"
    antara.save()
    assert poll_line("ANTARA Dunia").endswith("created 2, updated 0, duplicates 0, refused 1")


def test_each_format_polls(loopback, section):
    for kind, name, path in [
        ("newsml", "newsml-g2.xml", "/g2"),
        ("ninjs", "ninjs.json", "/ninjs"),
        ("rss", "reuters-atom.xml", "/atom"),
    ]:
        content_type = "application/json" if kind == "ninjs" else "application/xml"
        loopback.routes[path] = Route(body=(WIRE / name).read_bytes(), content_type=content_type)
        source = WireSource.objects.create(
            name=kind + path, kind=kind, url=loopback.url(path), credit="X"
        )
        assert wire_source_poll(source=source).created == 1


def test_drop_folder_source(tmp_path, section):
    (tmp_path / "a.xml").write_bytes((WIRE / "newsml-g2.xml").read_bytes())
    (tmp_path / "b.json").write_bytes((WIRE / "ninjs.json").read_bytes())
    (tmp_path / "notes.txt").write_text("ignored")
    call_command(
        "wire_source_add",
        name="Map",
        kind="folder",
        url=str(tmp_path),
        credit="ANTARA",
        section="luar-negeri",
        rule="queue",
        stdout=StringIO(),
    )
    assert poll_line("Map") == "Map: found 2, created 2, updated 0, duplicates 0, refused 0"


def test_wire_source_add_validates(section):
    with pytest.raises(CommandError, match="slug"):
        call_command(
            "wire_source_add",
            name="A",
            kind="rss",
            url="https://x.example/rss",
            credit="A",
            section="tidak-ada",
            stdout=StringIO(),
        )
    with pytest.raises(CommandError):
        call_command(
            "wire_source_add", name="A", kind="gopher", url="x", credit="A", stdout=StringIO()
        )


def test_the_scheduler_claims_due_sources_once(antara):
    with freeze_time(NOW):
        assert wire_sources_due() == [antara.pk]
        assert wire_sources_due() == []
    with freeze_time("2024-10-30 04:06:00"):
        assert wire_sources_due() == [antara.pk]


def test_draft_rule_makes_a_draft_and_publish_needs_an_editors_rule(antara, editor):
    antara.rule = "publish"
    antara.save()
    poll_line("ANTARA Dunia")
    articles = ArticlePage.objects.all()
    # Nobody who may publish set the rule: drafts only.
    assert articles.count() == 3 and not articles.filter(live=True).exists()
    WireItem.objects.all().delete()
    ArticlePage.objects.all().delete()
    antara.rule_set_by, antara.etag = editor, ""
    antara.save()
    poll_line("ANTARA Dunia")
    assert ArticlePage.objects.filter(live=True).count() == 3
