"""The demo newsroom shows every part of the press code at once."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from kabar.corrections.models import Correction
from kabar.news.models import ArticlePage


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    yield
    cache.clear()  # Wagtail's cached site root paths must not outlive this database


def test_demo_has_each_kind_of_note_a_withdrawal_an_unverified_story_and_an_advertorial(
    client, demo
):
    kinds = set(Correction.objects.values_list("kind", flat=True))
    assert {"ralat", "koreksi", "hak_jawab"} <= kinds
    right_of_reply = Correction.objects.get(kind="hak_jawab")
    assert right_of_reply.party
    assert right_of_reply.text in client.get(right_of_reply.article.url).content.decode()

    withdrawn = ArticlePage.objects.get(withdrawn_at__isnull=False)
    response = client.get(withdrawn.url)
    assert response.status_code == 410
    assert withdrawn.withdrawn_reason in response.content.decode()
    assert withdrawn.url not in client.get("/").content.decode()

    unverified = ArticlePage.objects.get(unverified=True)
    assert "Berita ini masih menunggu verifikasi." in client.get(unverified.url).content.decode()

    advertorial = ArticlePage.objects.get(sponsored=True)
    body = client.get(advertorial.url).content.decode()
    assert "Advertorial" in body and 'rel="noopener sponsored"' in body

    log = client.get("/koreksi/").content.decode()
    assert withdrawn.title in log and right_of_reply.article.title in log
