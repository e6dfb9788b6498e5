"""Wiring: purge on every change to a note, note a story's verification when published."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published

from kabar.news.models import ArticlePage

from .models import Correction

# Page id -> whether the live story was marked unverified before this publish.
_unverified_before: dict[int, bool] = {}


def correction_changed(sender, instance: Correction, **kwargs):
    from .services import article_pages_purge

    article_pages_purge(instance.article)


def article_before_save(sender, instance: ArticlePage, **kwargs):
    if instance.pk:
        stored = ArticlePage.objects.filter(pk=instance.pk, live=True).values("unverified").first()
        if stored is not None:
            _unverified_before[instance.pk] = stored["unverified"]


def article_published(sender, instance, revision=None, **kwargs):
    """Clearing the "awaiting verification" mark records an update note on the story."""
    page = instance.specific
    was_unverified = _unverified_before.pop(page.pk, False)
    if isinstance(page, ArticlePage) and was_unverified and not page.unverified:
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
