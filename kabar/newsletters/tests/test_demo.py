"""The demo newsroom shows the newsletter: the form in the footer, subscribers and a past
digest in the admin."""

import pytest

from kabar.news.demo import demo_newsroom_load
from kabar.newsletters.models import NewsletterSend, Subscriber

pytestmark = pytest.mark.django_db


def test_the_demo_has_subscribers_a_past_digest_and_the_form(client, editor):
    assert demo_newsroom_load() is True
    assert Subscriber.objects.confirmed().count() == 3
    assert Subscriber.objects.filter(status=Subscriber.Status.PENDING).exists()
    send = NewsletterSend.objects.get()
    assert send.kind == NewsletterSend.Kind.DIGEST and send.recipients == 2
    assert send.articles.count() == 5
    assert "Ringkasan berita" in send.subject
    assert 'class="newsletter-signup"' in client.get("/").content.decode()
    client.force_login(editor)
    assert "rina.pembaca@contoh.id" in client.get("/admin/buletin/pelanggan/").content.decode()
    assert send.subject in client.get("/admin/buletin/kiriman/").content.decode()
