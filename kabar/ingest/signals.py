"""Wiring only: published articles get a fingerprint so wire copy of the same story is flagged,
and the desk's full-text index is checked after every `migrate`."""

from django.db import connections
from django.db.models.signals import post_migrate
from wagtail.signals import page_published, page_unpublished

from kabar.news.models import ArticlePage


def article_fingerprint_update(sender, instance, **kwargs):
    from .services.wire_dedupe import article_fingerprint_save

    article_fingerprint_save(article=instance)


def article_fingerprint_remove(sender, instance, **kwargs):
    from .models import WireFingerprint

    WireFingerprint.objects.filter(article=instance).delete()


def wire_search_index_ensure(sender, using, **kwargs):
    from .services.wire_search import search_index_ensure

    search_index_ensure(connection=connections[using])


def signals_connect(*, app_config):
    post_migrate.connect(wire_search_index_ensure, sender=app_config)
    page_published.connect(article_fingerprint_update, sender=ArticlePage)
    page_unpublished.connect(article_fingerprint_remove, sender=ArticlePage)
