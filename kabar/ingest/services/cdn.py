"""Wagtail's per-page CDN purges held back while purges are deferred (during an import).

`wagtail.contrib.frontend_cache` queues a purge task for every page published or unpublished:
with the database task queue that is a row per imported article, and a worker busy purging
pages nobody has cached yet. While `purges_deferred()` is open in a thread, that thread's
publishing queues nothing; leaving it purges the whole site, CDN included, once.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from wagtail.contrib.frontend_cache import signal_handlers
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from kabar.core.pagecache.purge import purges_are_deferred

_swap_lock = threading.Lock()
_swap_users = 0
_swapped: list[tuple] = []  # (signal, original receiver, stand-in, sender)


def _unless_deferred(original):
    def receiver(sender, instance, **kwargs):
        if not purges_are_deferred():
            original(sender=sender, instance=instance, **kwargs)

    return receiver


@contextmanager
def cdn_page_purges_held() -> Iterator[None]:
    """Inside the block, pages published by a thread that defers purges queue no CDN purge."""
    global _swap_users
    with _swap_lock:
        _swap_users += 1
        if _swap_users == 1:
            handlers = (
                (page_published, signal_handlers.page_published_signal_handler),
                (page_unpublished, signal_handlers.page_unpublished_signal_handler),
            )
            for model in apps.get_models():
                if not issubclass(model, Page):
                    continue
                for signal, original in handlers:
                    if signal.disconnect(original, sender=model):
                        stand_in = _unless_deferred(original)
                        signal.connect(stand_in, sender=model, weak=False)
                        _swapped.append((signal, original, stand_in, model))
    try:
        yield
    finally:
        with _swap_lock:
            _swap_users -= 1
            if not _swap_users:
                while _swapped:
                    signal, original, stand_in, model = _swapped.pop()
                    signal.disconnect(stand_in, sender=model)
                    signal.connect(original, sender=model)
