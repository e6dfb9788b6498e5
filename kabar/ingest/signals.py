"""Wiring only: published articles get a fingerprint so wire copy of the same story is flagged."""

from wagtail.signals import page_published, page_unpublished

from kabar.news.models import ArticlePage


def article_fingerprint_update(sender, instance, **kwargs):
    from .services.wire_dedupe import article_fingerprint_save

    article_fingerprint_save(article=instance)


def article_fingerprint_remove(sender, instance, **kwargs):
    from .models import WireFingerprint

    WireFingerprint.objects.filter(article=instance).delete()


def signals_connect():
    page_published.connect(article_fingerprint_update, sender=ArticlePage)
    page_unpublished.connect(article_fingerprint_remove, sender=ArticlePage)
