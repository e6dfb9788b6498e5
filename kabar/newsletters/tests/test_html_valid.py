"""The newsletter's pages (and the footer form on every page) are valid HTML (W3C Nu
validator), and so are the digest and alert emails' HTML parts."""

import datetime
import shutil

import pytest
from django.core import mail
from django.utils import timezone

from kabar.news.tests.test_html_valid import vnu_errors
from kabar.newsletters import services
from kabar.newsletters.models import Subscriber
from kabar.newsletters.tokens import manage_token

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("java") is None, reason="the validator needs java"),
]


def test_newsletter_pages_and_emails_are_valid_html(client, section, article_factory, tmp_path):
    article = article_factory(
        parent=section,
        title="Eropa & Amerika sepakat",
        first_published_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 5, 0)),
    )
    subscriber = services.subscriber_request(
        email="rina@contoh.id", wants_digest=True, wants_alerts=True, sections=[section]
    )
    confirm_link = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    token = manage_token(subscriber.email)
    pages = {
        "subscribe.html": ("get", "/buletin/", {}),
        "errors.html": ("post", "/buletin/", {"email": "x", "started": "palsu"}),
        "sent.html": ("get", "/buletin/terkirim/", {}),
        "confirm.html": ("get", confirm_link, {}),
        "preferences.html": ("get", f"/buletin/pilihan/{token}/", {}),
        "unsubscribe.html": ("get", f"/buletin/berhenti/{token}/", {}),
        "unsubscribed.html": ("post", f"/buletin/berhenti/{token}/", {}),
        "article.html": ("get", article.url, {}),
    }
    files = []
    for name, (method, url, data) in pages.items():
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 400), url
        path = tmp_path / name
        path.write_bytes(response.content)
        files.append(path)
    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED)
    mail.outbox.clear()
    services.digest_send(day=datetime.date(2026, 3, 10))
    services.breaking_alert_send(article)
    services.subscriber_request(email="rina@contoh.id", wants_digest=True, wants_alerts=False)
    services.subscriber_request(email="baru@contoh.id", wants_digest=True, wants_alerts=False)
    for i, message in enumerate(mail.outbox):
        path = tmp_path / f"email-{i}.html"
        path.write_text(message.alternatives[0][0])
        files.append(path)
    assert len(files) == len(pages) + 4
    assert vnu_errors(files) == []
