"""Editors see subscribers and past sends, read-only; editors who may publish send alerts."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kabar.newsletters import services
from kabar.newsletters.models import NewsletterSend, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(section):
    services.subscriber_request(email="a@contoh.id", wants_digest=True, wants_alerts=True)
    services.subscriber_request(email="b@contoh.id", wants_digest=True, wants_alerts=False)
    Subscriber.objects.filter(email="a@contoh.id").update(status=Subscriber.Status.CONFIRMED)
    mail.outbox.clear()


def test_editors_see_subscribers_with_counts_and_choices(client, editor, subscribers):
    client.force_login(editor)
    body = client.get("/admin/buletin/pelanggan/").content.decode()
    assert "a@contoh.id" in body and "b@contoh.id" in body
    assert "2 alamat: 1 terkonfirmasi" in body and "1 menunggu konfirmasi" in body
    assert "Menunggu konfirmasi" in body
    # Read-only: no way to add or edit.
    assert client.get("/admin/buletin/pelanggan/new/").status_code in (302, 403)
    pk = Subscriber.objects.get(email="a@contoh.id").pk
    assert client.get(f"/admin/buletin/pelanggan/edit/{pk}/").status_code in (302, 403)


def test_editors_see_past_sends(client, editor, article):
    NewsletterSend.objects.create(
        kind="digest",
        edition="digest:2026-03-10",
        subject="Kabar Harapan — Ringkasan berita 10 Maret 2026",
        started_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 6, 0)),
        sent_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 6, 1)),
        recipients=1234,
    )
    client.force_login(editor)
    body = client.get("/admin/buletin/kiriman/").content.decode()
    assert "Ringkasan berita 10 Maret 2026" in body and "1234" in body


def test_writers_see_no_subscribers(client, writer, subscribers):
    client.force_login(writer)
    response = client.get("/admin/buletin/pelanggan/")
    assert response.status_code in (302, 403)


def test_an_editor_sends_the_alert_from_the_article(client, editor, article, subscribers):
    client.force_login(editor)
    url = f"/admin/buletin/peringatan/{article.pk}/"
    page = client.get(url).content.decode()
    assert "Kirim peringatan berita terkini" in page and "1 pelanggan" in page
    assert url in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    client.post(url)
    assert [m.to for m in mail.outbox] == [["a@contoh.id"]]
    assert NewsletterSend.objects.get().kind == NewsletterSend.Kind.ALERT
    # A second post sends nothing more.
    client.post(url)
    assert len(mail.outbox) == 1


def test_a_writer_cannot_send_an_alert(client, writer, article, subscribers):
    client.force_login(writer)
    response = client.post(f"/admin/buletin/peringatan/{article.pk}/")
    assert response.status_code in (302, 403)  # Wagtail sends the refused back home
    assert not mail.outbox
