"""Subscribers are in the UU PDP export and erase, for the reader and for the staff."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from kabar.core.personal_data import personal_data_export
from kabar.newsletters import services
from kabar.newsletters.models import Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(section):
    return services.subscriber_request(
        email="rina@contoh.id", wants_digest=True, wants_alerts=True, sections=[section]
    )


def test_the_registry_exports_the_subscription(subscriber):
    data = personal_data_export(email="RINA@contoh.id")
    (entry,) = data["newsletters"]
    assert entry["email"] == "rina@contoh.id" and entry["sections"] == ["Luar Negeri"]
    assert entry["status"] == "pending" and entry["breaking_news_alerts"] is True


def data_link(client) -> str:
    """Ask for the personal-data link as a reader does; the emailed link's path."""
    mail.outbox.clear()
    client.post(reverse("comments:my_data_request"), {"email": "rina@contoh.id"})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/komentar/data-saya/\S+/)", message.body).group(1)


def test_a_subscriber_without_comments_can_ask_for_the_data_link(client, subscriber):
    assert data_link(client).startswith("/komentar/data-saya/")


def test_the_reader_downloads_and_erases_the_subscription(client, subscriber):
    url = data_link(client)
    page = client.get(url).content.decode()
    assert "newsletter subscription" in page or "langganan buletin" in page
    export = json.loads(client.post(url, {"action": "export"}).content)
    assert export["newsletters"][0]["email"] == "rina@contoh.id"
    assert export["comments"] == []
    client.post(url, {"action": "delete"})
    assert not Subscriber.objects.exists()


def test_staff_export_and_erase_include_the_subscription(admin_client, subscriber):
    url = reverse("wagtailsnippets_comments_readercomment:personal_data")
    export = admin_client.post(url, {"email": "rina@contoh.id", "action": "export"})
    assert json.loads(export.content)["newsletters"][0]["daily_digest"] is True
    admin_client.post(url, {"email": "rina@contoh.id", "action": "delete"})
    assert not Subscriber.objects.exists()
