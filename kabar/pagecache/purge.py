"""Purging changed addresses: from the app's page cache at once, from the CDN in the background.

The app cache is purged in the request that made the change, right after its transaction
commits, so the very next reader gets the new page even when the task worker is busy. The CDN
(Wagtail's frontend cache backends: Cloudflare, CloudFront, Varnish/HTTP PURGE) is purged by a
background task, as Wagtail's `purge_urls_from_cache` already queues one.
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

from . import store

# Listing pages beyond the first are purged from the CDN up to this page: a new story pushes
# every page down by one, and readers rarely go deeper. The app cache forgets all of them.
CDN_LISTING_PAGES = 5


_deferred = threading.local()


@contextmanager
def purges_deferred():
    """Bulk work (a WordPress import, the demo) purges everything once at the end, instead of
    working out each page's addresses as it is published."""
    depth = getattr(_deferred, "depth", 0)
    _deferred.depth = depth + 1
    try:
        yield
    finally:
        _deferred.depth = depth
        if depth == 0:
            everything_purge()


def purges_are_deferred() -> bool:
    return getattr(_deferred, "depth", 0) > 0


def cdn_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def localized(paths: Iterable[str]) -> set[str]:
    """Each path as readers of every language reach it: /x/ and /en/x/."""
    default = settings.LANGUAGE_CODE
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != default]
    return {f"{prefix}{path}" for path in paths for prefix in prefixes}


def cdn_urls(paths: Iterable[str], *, listings: Iterable[str] = ()) -> list[str]:
    roots = [site.root_url for site in Site.objects.all()] or [settings.WAGTAILADMIN_BASE_URL]
    addresses = set(paths)
    addresses.update(
        f"{path}?page={number}" for path in listings for number in range(2, CDN_LISTING_PAGES + 1)
    )
    return sorted(f"{root.rstrip('/')}{address}" for root in roots for address in addresses)


def paths_purge(paths: Iterable[str], *, listings: Iterable[str] = ()) -> None:
    """Forget these paths everywhere once the current transaction commits.

    `listings` are the paths among them that paginate (?page=2 …), for the CDN.
    """
    if purges_are_deferred():
        return
    paths, listings = set(paths), set(listings)

    def purge():
        store.paths_forget(paths | listings)
        if cdn_configured():
            purge_urls_from_cache(cdn_urls(paths | listings, listings=listings))

    transaction.on_commit(purge)


CDN_EVERYTHING_PENDING_KEY = "pagecache:cdn-everything-pending"


def _everything_now() -> None:
    store.site_forget()
    # Deleting a section sends a signal per article under it: one CDN-wide purge is enough.
    if cdn_configured() and store.page_cache().add(CDN_EVERYTHING_PENDING_KEY, 1, timeout=600):
        cdn_purge_everything_task.enqueue()


def everything_purge(**_signal_kwargs) -> None:
    """Forget every page once the current transaction commits: for what every page shows
    (the menu, the site's name) or what many pages show (a section's or an author's name)."""
    if not purges_are_deferred():
        transaction.on_commit(_everything_now)


@task()
def cdn_purge_everything_task():
    """Purge every public address from the CDN; listing them takes a while, so not inline."""
    store.page_cache().delete(CDN_EVERYTHING_PENDING_KEY)
    paths, listings = import_string(settings.PAGE_CACHE_ALL_PATHS)()
    purge_urls_from_cache(cdn_urls(paths, listings=listings))
