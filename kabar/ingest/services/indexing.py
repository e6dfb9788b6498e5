"""Search and reference indexing deferred to the end of an import, then done in bulk.

Each imported article is saved three times (created, revised, published) and every save
indexes it for search and for Wagtail's reference index; most of an import's time went
there. While `index_updates_deferred()` is open, saves made in this thread only note
what changed; on leaving, each changed object is indexed once, in chunks. Other threads
keep indexing as usual. Work as long as a 100,000-post import indexes what it noted every
FLUSH_AT objects, between two items (`index_updates_flush`), so what it remembers stays small.
"""

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from kabar.news.models import ArticlePage
from kabar.search.signals import article_published

CHUNK = 500
# Noted objects held before they are indexed between two items: memory stays flat however
# long the import, and each object is still indexed about once (in a chunk of CHUNK).
FLUSH_AT = 5_000
# Relations the indexed fields read, fetched per chunk rather than per object.
SEARCH_PREFETCH = {"news.ArticlePage": ("authorships__author",)}
logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]

_local = threading.local()
_swap_lock = threading.Lock()
_swap_users = 0
_swapped: list[tuple] = []  # (signal, original receiver or None, stand-in, sender)


class DeferredIndexUpdates:
    """What was saved while indexing waited: objects to index for search, and the objects
    whose references (theirs and their inline children's) need recording again."""

    def __init__(self, *, applies: bool = True):
        # False for work that is rolled back (a dry run): what it noted is dropped unindexed.
        self.applies = applies
        self.searched: dict[type[Model], set] = defaultdict(set)
        self.referenced: dict[type[Model], set] = defaultdict(set)
        self.deleted: list[Model] = []

    def clear(self) -> None:
        self.searched.clear()
        self.referenced.clear()
        self.deleted.clear()

    def __len__(self) -> int:
        return sum(len(pks) for pks in (*self.searched.values(), *self.referenced.values()))

    def apply(self, *, progress: Progress | None = None) -> int:
        """Index every noted object that still exists; returns how many were looked up."""
        tick = progress or (lambda done, total: None)
        total, done = len(self), 0
        tick(done, total)
        for instance in self.deleted:
            # What Wagtail does when an object goes: its references go too.
            ReferenceIndex.remove_for_object(instance)
            ReferenceIndex.remove_references_to(instance)
        for work, noted in (
            (_search_index_add, self.searched),
            (_references_update, self.referenced),
        ):
            for model, pks in noted.items():
                ordered = sorted(pks, key=str)
                for start in range(0, len(ordered), CHUNK):
                    chunk = ordered[start : start + CHUNK]
                    work(model, chunk)
                    done += len(chunk)
                    tick(done, total)
        self.clear()
        return done


def _search_index_add(model: type[Model], pks: list) -> None:
    """Add the objects to every auto-updated search backend, grouped by their indexed class."""
    objects = model.get_indexed_objects().filter(pk__in=pks)
    objects = objects.prefetch_related(*SEARCH_PREFETCH.get(model._meta.label, ()))
    by_class: dict[type[Model], list[Model]] = defaultdict(list)
    for obj in objects:
        instance = obj.get_indexed_instance()
        if instance is not None:
            by_class[type(instance)].append(instance)
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        for cls, instances in by_class.items():
            backend.add_bulk(cls, instances)


def _references_update(model: type[Model], pks: list) -> None:
    if not ReferenceIndex.is_indexed(model):
        return
    objects = model._default_manager.filter(pk__in=pks)
    if issubclass(model, Page):
        objects = objects.specific()
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)


@cache
def _parental_key(model: type[Model]) -> ParentalKey | None:
    return next((f for f in model._meta.get_fields() if isinstance(f, ParentalKey)), None)


def _reference_owner(instance: Model) -> tuple[type[Model], object] | None:
    """(model, pk) of the object whose references include the instance's: its topmost inline
    parent, as Wagtail's own task finds it, read from the foreign keys without loading it."""
    model, pk, values = type(instance), instance.pk, instance
    while (key := _parental_key(model)) is not None:
        if values is not None:
            pk = getattr(values, key.attname)
        else:
            pk = model._default_manager.filter(pk=pk).values_list(key.attname, flat=True).first()
        model, values = key.related_model, None
        if pk is None:
            return None
    return model, pk


def _deferred_here() -> DeferredIndexUpdates | None:
    return getattr(_local, "deferred", None)


def index_updates_flush() -> None:
    """Between two items of deferred work: once FLUSH_AT objects wait, index them now (or drop
    them, when the work is rolled back). Called outside any item's transaction."""
    deferred = _deferred_here()
    if deferred is None or len(deferred) + len(deferred.deleted) < FLUSH_AT:
        return
    if deferred.applies:
        deferred.apply()
    else:
        deferred.clear()


def _noting_save_receiver(original):
    """A stand-in for a post_save indexing receiver: notes the save in a deferring thread."""

    def receiver(sender, instance, raw=False, **kwargs):
        deferred = _deferred_here()
        if deferred is None:
            return original(sender=sender, instance=instance, raw=raw, **kwargs)
        if not raw:
            deferred.searched[type(instance)].add(instance.pk)
        return None

    return receiver


def _noting_publish_receiver(original):
    """kabar.search re-indexes an article once it is published; the save was noted already."""

    def receiver(sender, instance, **kwargs):
        if _deferred_here() is None:
            return original(sender=sender, instance=instance, **kwargs)
        return None

    return receiver


def _reference_tracking_receiver(sender, instance, raw=False, **kwargs):
    deferred = _deferred_here()
    if deferred is not None and not raw and (owner := _reference_owner(instance)):
        deferred.referenced[owner[0]].add(owner[1])


def _reference_delete_receiver(sender, instance, **kwargs):
    deferred = _deferred_here()
    if deferred is None:
        return
    owner = _reference_owner(instance)
    if owner == (type(instance), instance.pk):
        deferred.deleted.append(instance)
    elif owner:
        # An inline child went: its parent's references are recorded afresh.
        deferred.referenced[owner[0]].add(owner[1])


def _receivers_swap() -> None:
    """Put the noting stand-ins in place of the indexing receivers (first user only)."""
    global _swap_users
    with _swap_lock:
        _swap_users += 1
        if _swap_users > 1:
            return
        for model in search_index.get_indexed_models():
            if post_save.disconnect(post_save_signal_handler, sender=model):
                stand_in = _noting_save_receiver(post_save_signal_handler)
                post_save.connect(stand_in, sender=model, weak=False)
                _swapped.append((post_save, post_save_signal_handler, stand_in, model))
        for model in ReferenceIndex.tracked_models:
            post_save.connect(_reference_tracking_receiver, sender=model, weak=False)
            post_delete.connect(_reference_delete_receiver, sender=model, weak=False)
            _swapped.append((post_save, None, _reference_tracking_receiver, model))
            _swapped.append((post_delete, None, _reference_delete_receiver, model))
        if page_published.disconnect(article_published, sender=ArticlePage):
            stand_in = _noting_publish_receiver(article_published)
            page_published.connect(stand_in, sender=ArticlePage, weak=False)
            _swapped.append((page_published, article_published, stand_in, ArticlePage))


def _receivers_restore() -> None:
    """Put the original receivers back once the last deferring thread is done."""
    global _swap_users
    with _swap_lock:
        _swap_users -= 1
        if _swap_users:
            return
        while _swapped:
            signal, original, stand_in, sender = _swapped.pop()
            signal.disconnect(stand_in, sender=sender)
            if original is not None:
                signal.connect(original, sender=sender)


@contextmanager
def index_updates_deferred(
    *, apply: bool = True, progress: Progress | None = None
) -> Iterator[DeferredIndexUpdates]:
    """Note saves made in the block; on leaving, index them once (or not at all if `apply`
    is false, for work that is rolled back)."""
    if _deferred_here() is not None:
        # Already deferring further up: the outer block indexes everything.
        yield _deferred_here()
        return
    deferred = DeferredIndexUpdates(applies=apply)
    _receivers_swap()
    _local.deferred = deferred
    try:
        with disable_reference_index_auto_update():
            yield deferred
    except BaseException:
        _deferred_end()
        # What was committed before the failure is still made searchable.
        if apply:
            try:
                deferred.apply()
            except Exception:
                logger.exception("Indexing after a failed import failed too.")
        raise
    _deferred_end()
    if apply:
        deferred.apply(progress=progress)


def _deferred_end() -> None:
    with suppress(AttributeError):
        del _local.deferred
    _receivers_restore()
