"""Scheduled articles reach (and leave) the public site by themselves, on time."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def schedule(article: ArticlePage, go_live_at: datetime.datetime) -> None:
    """Approve the article's current content for publication at `go_live_at`."""
    article.go_live_at = go_live_at
    article.save_revision(approved_go_live_at=go_live_at).publish()


def test_scheduled_article_stays_off_the_site_until_its_time(client, home, section):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    article = ArticlePageFactory(
        parent=section,
        title="Kabar embargo",
        live=False,
        first_published_at=None,
        authors=[AuthorFactory()],
    )
    schedule(article, go_live)

    call_command("publish_scheduled")

    assert "Kabar embargo" not in client.get(home.url).content.decode()
    assert "Kabar embargo" not in client.get(section.url).content.decode()
    assert client.get(article.url).status_code == 404


def test_scheduled_article_appears_everywhere_once_its_time_comes(client, home, section):
    go_live = (timezone.now() + datetime.timedelta(hours=1)).replace(microsecond=0)
    article = ArticlePageFactory(
        parent=section,
        title="Kabar embargo",
        live=False,
        first_published_at=None,
        authors=[AuthorFactory()],
    )
    schedule(article, go_live)

    with freeze_time(go_live + datetime.timedelta(seconds=30)):
        call_command("publish_scheduled")

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    # Dated when it went out, not when the editor scheduled it.
    assert go_live <= article.first_published_at <= go_live + datetime.timedelta(seconds=30)
    assert "Kabar embargo" in client.get(home.url).content.decode()
    assert "Kabar embargo" in client.get(section.url).content.decode()
    assert client.get(article.url).status_code == 200


def test_expired_article_leaves_the_listings(client, home, section):
    expire = timezone.now() + datetime.timedelta(hours=1)
    article = ArticlePageFactory(parent=section, title="Kabar sementara", authors=[AuthorFactory()])
    article.expire_at = expire
    article.save_revision().publish()
    assert "Kabar sementara" in client.get(section.url).content.decode()

    with freeze_time(expire + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    assert not ArticlePage.objects.get(pk=article.pk).live
    assert "Kabar sementara" not in client.get(home.url).content.decode()
    assert "Kabar sementara" not in client.get(section.url).content.decode()
    assert client.get(article.url).status_code == 404
