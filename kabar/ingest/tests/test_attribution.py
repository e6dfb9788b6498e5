"""Imports and wire takes are credited in the page history to the person who started them."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from kabar.ingest.models import ImportJob, WireItem, WireSource
from kabar.ingest.services import ImportOptions, wxr_import
from kabar.ingest.services.wire import wire_item_upsert
from kabar.ingest.tasks import import_job_run
from kabar.ingest.wire import wire_parse
from kabar.news.models import ArticlePage

from .wxr_samples import wxr_document, wxr_post

pytestmark = pytest.mark.django_db
WIRE = Path(__file__).parent / "files" / "wire"


def history(page) -> list[tuple[str, str | None]]:
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    return [(entry.action, entry.user.username if entry.user else None) for entry in entries]


def test_an_import_job_credits_its_uploader_in_each_page_history(home, editor):
    job = ImportJob.objects.create(export_name="lama.xml", created_by=editor)
    job.export.save("lama.xml", ContentFile(wxr_document(wxr_post(1), wxr_post(2, status="draft"))))

    import_job_run(job=job)

    live = ArticlePage.objects.get(title="Berita 1")
    draft = ArticlePage.objects.get(title="Berita 2")
    assert history(live) == [
        ("wagtail.create", "editor"),
        ("wagtail.edit", "editor"),
        ("wagtail.publish", "editor"),
    ]
    assert history(draft) == [("wagtail.create", "editor"), ("wagtail.edit", "editor")]
    assert live.live_revision.user == editor


def test_a_reimport_is_credited_to_whoever_ran_it(home, editor, site_admin):
    wxr_import(source=wxr_document(wxr_post(1)), options=ImportOptions(user=editor))
    wxr_import(
        source=wxr_document(wxr_post(1, title="Judul baru")), options=ImportOptions(user=site_admin)
    )
    entries = history(ArticlePage.objects.get())
    assert entries[:3] == [
        ("wagtail.create", "editor"),
        ("wagtail.edit", "editor"),
        ("wagtail.publish", "editor"),
    ]
    # The new title is a rename, then the edit is published: all the administrator's.
    assert entries[-1] == ("wagtail.publish", "administrator")
    assert {user for _action, user in entries[3:]} == {"administrator"}


def test_the_command_line_names_the_importer_when_asked(home, editor, tmp_path):
    export = tmp_path / "lama.xml"
    export.write_bytes(wxr_document(wxr_post(1)))
    call_command("import_wordpress", str(export), "--user", "editor", verbosity=0)
    assert ("wagtail.publish", "editor") in history(ArticlePage.objects.get())


def test_ambil_credits_the_editor_who_took_the_item(client, section, editor):
    source = WireSource.objects.create(
        name="ANTARA", kind="rss", url="https://a.example/rss", credit="ANTARA", section=section
    )
    for entry in wire_parse("rss", (WIRE / "antara-rss.xml").read_bytes()).entries:
        wire_item_upsert(source=source, entry=entry)
    item = WireItem.objects.get(guid="antara-4001")
    client.force_login(editor)

    client.post(reverse("ingest_wire:take", args=[item.pk]), {"section": section.pk})

    article = ArticlePage.objects.get()
    assert history(article) == [("wagtail.create", "editor"), ("wagtail.edit", "editor")]
    assert article.owner == editor and article.latest_revision.user == editor
