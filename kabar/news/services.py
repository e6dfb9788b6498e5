"""Changes to articles that the scheduler makes with nobody in the admin."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.search import index

from .invalidation import article_purge
from .models import ArticlePage


def embargoes_release(*, now: datetime.datetime | None = None) -> list[ArticlePage]:
    """Bring out the published articles whose embargo has just passed: dated at the embargo
    time (readers' lists and feeds sort by it) and purged from every cached page that shows
    them. Returns them; an article already released is not touched again."""
    now = now or timezone.now()
    # Released means first published at or after the embargo time (see docs/embargo.md).
    due = ArticlePage.objects.live().filter(
        embargo_until__lte=now, first_published_at__lt=F("embargo_until")
    )
    released = []
    for article in due.order_by("embargo_until", "pk"):
        with transaction.atomic():
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=article.embargo_until,
                last_published_at=article.embargo_until,
            )
            article.first_published_at = article.last_published_at = article.embargo_until
            index.insert_or_update_object(article)
            article_purge(article)
        released.append(article)
    return released
