"""The wire desk in the admin: filters, counters, preview with similar items, Ambil, Abaikan."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from kabar.ingest.models import WireItem, WireSource
from kabar.ingest.services.wire import wire_item_upsert
from kabar.ingest.wire import wire_parse
from kabar.news.models import ArticlePage

pytestmark = pytest.mark.django_db
WIRE = Path(__file__).parent / "files" / "wire"
INDEX = "/admin/kawat/"


@pytest.fixture(autouse=True)
def indonesian():
    """The admin speaks Indonesian here, as the newsroom sees it."""
    with translation.override("id"):
        yield


@pytest.fixture
def desk(section):
    antara = WireSource.objects.create(
        name="ANTARA", kind="rss", url="https://a.example/rss", credit="ANTARA", section=section
    )
    reuters = WireSource.objects.create(
        name="Reuters", kind="rss", url="https://r.example/atom", credit="Reuters"
    )
    for source, name in [(antara, "antara-rss.xml"), (reuters, "reuters-atom.xml")]:
        for entry in wire_parse("rss", (WIRE / name).read_bytes()).entries:
            wire_item_upsert(source=source, entry=entry)
    return antara, reuters


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_desk_lists_items_newest_first_with_counters(editor_client, desk):
    body = editor_client.get(INDEX).content.decode()
    order = [
        body.index(h)
        for h in [
            "China dan Indonesia sepakat",  # 10:00 WIB
            "Bank sentral Jepang",  # 03:00 UTC = 10:00 WIB, but later id... both 10:00
        ]
    ]
    assert all(o > 0 for o in order)
    assert body.index("Harga minyak dunia") < body.index("Timnas U-17")
    assert 'data-status="new">4<' in body and 'data-status="taken">0<' in body


def test_desk_filters_by_source_status_section_and_words(editor_client, desk):
    antara, reuters = desk
    body = editor_client.get(INDEX, {"source": reuters.pk}).content.decode()
    assert "Bank sentral Jepang" in body and "Harga minyak" not in body
    body = editor_client.get(INDEX, {"section": antara.section_id}).content.decode()
    assert "Harga minyak" in body and "Bank sentral Jepang" not in body
    body = editor_client.get(INDEX, {"q": "nikel"}).content.decode()
    assert "China dan Indonesia" in body and "Harga minyak" not in body
    WireItem.objects.filter(guid="antara-4002").update(status="ignored")
    body = editor_client.get(INDEX, {"status": "ignored"}).content.decode()
    assert "Harga minyak" in body and "China dan Indonesia" not in body
    assert 'data-status="ignored">1<' in body


def test_desk_is_in_indonesian(editor_client, desk):
    body = editor_client.get(INDEX).content.decode()
    assert "Meja kawat" in body and "Baru" in body and "Diambil" in body and "Diabaikan" in body


def test_writer_may_use_the_desk_but_an_anonymous_visitor_may_not(client, writer, desk):
    assert client.get(INDEX).status_code == 302
    client.force_login(writer)
    assert client.get(INDEX).status_code == 200


def test_preview_shows_similar_items_with_their_similarity(editor_client, desk):
    antara, reuters = desk
    original = WireItem.objects.get(guid="antara-4001")
    entry = wire_parse("rss", (WIRE / "antara-rss.xml").read_bytes()).entries[0]
    entry.guid = "reuters-copy"
    wire_item_upsert(source=reuters, entry=entry)
    copy = WireItem.objects.get(guid="reuters-copy")
    assert copy.duplicate_of == original
    body = editor_client.get(reverse("ingest_wire:item", args=[original.pk])).content.decode()
    assert reverse("ingest_wire:item", args=[copy.pk]) in body
    assert "kemiripan 100%" in body
    listing = editor_client.get(INDEX).content.decode()
    assert "100% sama dengan “China dan Indonesia sepakat" in listing


def test_ambil_creates_a_draft_with_credit_dateline_and_tags(editor_client, desk, section):
    item = WireItem.objects.get(guid="antara-4001")
    response = editor_client.post(
        reverse("ingest_wire:take", args=[item.pk]), {"section": section.pk}
    )
    article = ArticlePage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live and article.get_parent().pk == section.pk
    assert article.title == item.headline and article.dateline == "BEIJING (ANTARA)"
    assert article.source_name == "ANTARA" and article.source_url == item.url
    assert sorted(t.name for t in article.tags.all()) == ["Dunia", "Perdagangan"]
    assert [a.author.name for a in article.authorships.all()] == ["ANTARA"]
    assert article.body[0].value.source.startswith("<p>Kementerian Perdagangan China")
    item.refresh_from_db()
    assert item.status == "taken" and item.article == article
    # Taking again opens the same article.
    again = editor_client.post(reverse("ingest_wire:take", args=[item.pk]), {"section": section.pk})
    assert again["Location"] == response["Location"] and ArticlePage.objects.count() == 1


def test_ambil_without_a_section_explains(editor_client, desk):
    _antara, reuters = desk
    item = WireItem.objects.get(guid__startswith="tag:reuters")
    response = editor_client.post(reverse("ingest_wire:take", args=[item.pk]), {"section": ""})
    assert response.status_code == 400
    assert "Pilih rubrik tempat artikel ini dimuat." in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_abaikan_ignores_and_restores(editor_client, desk):
    item = WireItem.objects.get(guid="antara-4002")
    editor_client.post(
        reverse("ingest_wire:ignore", args=[item.pk]), {"next": "https://evil.example/"}
    )
    item.refresh_from_db()
    assert item.status == "ignored"
    response = editor_client.post(reverse("ingest_wire:ignore", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "new" and response["Location"] == INDEX


def test_article_editor_shows_the_agencys_notice(editor_client, desk, section):
    item = WireItem.objects.get(guid="antara-4001")
    editor_client.post(reverse("ingest_wire:take", args=[item.pk]), {"section": section.pk})
    WireItem.objects.filter(pk=item.pk).update(notice="Kantor berita mengirim versi baru.")
    item.refresh_from_db()
    body = editor_client.get(reverse("wagtailadmin_pages:edit", args=[item.article_id])).content
    assert "Kantor berita mengirim versi baru." in body.decode()


def test_an_article_from_a_source_keeps_its_credit(section):
    from django.core.exceptions import ValidationError

    from kabar.news.tests.factories import ArticlePageFactory

    article = ArticlePageFactory(
        parent=section, source_name="ANTARA", source_url="https://antaranews.example/1"
    )
    article.source_name = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "source_name" in error.value.message_dict
    article.source_url = ""
    article.full_clean()


def test_source_admin_records_who_set_the_rule(editor_client, section, editor):
    response = editor_client.post(
        reverse("ingest_wiresource:add"),
        {
            "name": "Xinhua",
            "kind": "rss",
            "url": "https://xinhua.example/rss",
            "credit": "Xinhua",
            "poll_minutes": "5",
            "section": section.pk,
            "rule": "publish",
            "active": "on",
            "keywords_include": "",
            "keywords_exclude": "",
            "username": "",
            "password": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert WireSource.objects.get(name="Xinhua").rule_set_by == editor


def test_writer_may_not_set_a_publish_rule(client, writer, section):
    from kabar.ingest.desk_forms import WireSourceForm

    form = WireSourceForm(
        data={
            "name": "X",
            "kind": "rss",
            "url": "https://x.example/",
            "credit": "X",
            "poll_minutes": 5,
            "section": section.pk,
            "rule": "publish",
            "active": "on",
        },
        for_user=writer,
    )
    assert not form.is_valid() and "rule" in form.errors


def test_ambil_reuses_existing_tags_whatever_their_case(editor_client, desk, section):
    from taggit.models import Tag

    from kabar.ingest.models import WireKeywordTag

    dunia = Tag.objects.create(name="DUNIA", slug="dunia")
    trade = Tag.objects.create(name="perdagangan", slug="perdagangan")
    WireKeywordTag.objects.create(keyword="perdagangan", tag="Perdagangan")
    item = WireItem.objects.get(guid="antara-4001")
    editor_client.post(reverse("ingest_wire:take", args=[item.pk]), {"section": section.pk})
    article = ArticlePage.objects.get()
    assert set(article.tags.all()) == {dunia, trade}
    assert Tag.objects.count() == 2
