"""Live coverage ("Laporan langsung"): posting, removing and ending a story's timestamped
updates. Each change reaches readers at once: the story's page and its updates fragment
(which readers' browsers poll) are purged when the transaction commits."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from kabar.pagecache.purge import localized, paths_purge

from .invalidation import page_path
from .models import ArticlePage, LiveUpdate

# What the page and the fragment show; older updates stay in the database and the admin.
UPDATES_SHOWN = 200


def live_updates_fragment_path(article: ArticlePage) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("news:live_updates", kwargs={"pk": article.pk})


def live_purge(article: ArticlePage) -> None:
    paths = {live_updates_fragment_path(article)}
    if path := page_path(article):
        paths.add(path)
    paths_purge(localized(paths))


@transaction.atomic
def live_update_post(
    *, article: ArticlePage, text: str, headline: str = "", key_point: bool = False, user=None
) -> LiveUpdate:
    update = LiveUpdate.objects.create(
        article=article, text=text, headline=headline, key_point=key_point, posted_by=user
    )
    live_purge(article)
    return update


@transaction.atomic
def live_update_remove(update: LiveUpdate) -> None:
    update.delete()
    live_purge(update.article)


@transaction.atomic
def live_coverage_end(article: ArticlePage, *, ended: bool = True) -> None:
    """Stop (or resume) the coverage: readers' browsers stop asking for updates."""
    article.live_ended_at = timezone.now() if ended else None
    ArticlePage.objects.filter(pk=article.pk).update(live_ended_at=article.live_ended_at)
    live_purge(article)


def live_updates_shown(article: ArticlePage) -> list[LiveUpdate]:
    """The updates readers see, newest first."""
    return list(article.live_updates.all()[:UPDATES_SHOWN])
