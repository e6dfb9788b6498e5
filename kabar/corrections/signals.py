"""Wiring: purge on every change to a note, note a story's verification when published."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published

from kabar.news.models import ArticlePage

from .models import Correction

# Ids of live stories marked unverified as stored before the save under way: a publish that
# clears the mark then records a note. Only marked stories are kept, so the set stays small.
_unverified_before: set[int] = set()


def correction_changed(sender, instance: Correction, **kwargs):
    from .services import article_pages_purge

    article_pages_purge(instance.article)


def article_before_save(sender, instance: ArticlePage, **kwargs):
    if instance.pk and not instance.unverified:
        if ArticlePage.objects.filter(pk=instance.pk, live=True, unverified=True).exists():
            _unverified_before.add(instance.pk)


def article_published(sender, instance, revision=None, **kwargs):
    """Clearing the "awaiting verification" mark records an update note on the story."""
    if instance.pk not in _unverified_before:
        return
    _unverified_before.discard(instance.pk)
    page = instance.specific
    if isinstance(page, ArticlePage) and not page.unverified:
        from .services import article_verified_note

        user = revision.user if revision is not None else None
        article_verified_note(article=page, user=user)


def signals_connect() -> None:
    post_save.connect(correction_changed, sender=Correction, dispatch_uid="kabar-correction-save")
    post_delete.connect(
        correction_changed, sender=Correction, dispatch_uid="kabar-correction-delete"
    )
    pre_save.connect(article_before_save, sender=ArticlePage, dispatch_uid="kabar-unverified")
    page_published.connect(article_published, dispatch_uid="kabar-verified-note")
