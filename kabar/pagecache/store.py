"""Where cached pages live, how they are found, and how they are forgotten.

Keys carry two version tokens: one per path (every query string and language of that path)
and one for the whole site. Purging a path or the site puts a new token in place, so the old
entries can never be found again and simply age out. A render that began before a purge read
the old token, so it stores under the old key where nobody looks: a purge can never be undone
by a slow request that was already under way.
"""

import hashlib
import time
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches

SITE_TOKEN_KEY = "pagecache:site"
LOCK_SECONDS = 30
# How long an address whose last render could not be stored (a search, a 404, the comments
# fragment) is rendered straight away, with no lock and no waiting for another render.
UNCACHEABLE_SECONDS = 60
# An error may pass (a database blip): its address is tried for storing again much sooner.
UNCACHEABLE_ERROR_SECONDS = 5
# Query parameters that mark where a reader came from, never what the page shows.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "igshid", "mc_cid", "mc_eid", "_ga")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


@dataclass
class CachedPage:
    status: int
    content: bytes
    headers: list[tuple[str, str]]
    created: float
    fresh_until: float
    etag: str = ""

    def is_fresh(self, now: float | None = None) -> bool:
        return (now or time.time()) < self.fresh_until


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def path_token_key(path: str) -> str:
    return f"pagecache:path:{_digest(path)}"


def tokens_get(path: str) -> tuple[str, str]:
    """The site's and the path's current version tokens, made when missing.

    A missing token (never set, or evicted) gets a fresh random one, never a fixed default:
    entries stored under a token that has since been evicted must stay unreachable.
    """
    cache = page_cache()
    keys = [SITE_TOKEN_KEY, path_token_key(path)]
    found = cache.get_many(keys)
    site_token_, path_token = (found.get(key) or _token_make(key) for key in keys)
    return site_token_, path_token


def _token_make(key: str) -> str:
    cache = page_cache()
    cache.add(key, uuid.uuid4().hex, timeout=None)
    return cache.get(key) or uuid.uuid4().hex


def site_token() -> str:
    """The site's current version token: it changes whenever every page is purged."""
    return page_cache().get(SITE_TOKEN_KEY) or _token_make(SITE_TOKEN_KEY)


def query_normalised(query_string: str) -> str:
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if not name.startswith(TRACKING_PARAMS)
    ]
    return urlencode(sorted(pairs))


def entry_key(request) -> str:
    """The cache key of the page this request asks for, under the current tokens."""
    path = request.path
    site_token, path_token = tokens_get(path)
    address = f"{request.get_host()}{path}?{query_normalised(request.META.get('QUERY_STRING', ''))}"
    return f"pagecache:page:{site_token}:{path_token}:{_digest(address)}"


def lock_key(key: str) -> str:
    return f"{key}:lock"


def entry_get(key: str) -> CachedPage | None:
    entry = page_cache().get(key)
    return entry if isinstance(entry, CachedPage) else None


def entry_set(key: str, entry: CachedPage) -> None:
    # Kept past freshness for the stale-while-revalidate window.
    timeout = max(1, int(entry.fresh_until - time.time()) + settings.PAGE_CACHE_STALE_SECONDS)
    page_cache().set(key, entry, timeout=timeout)


def lock_acquire(key: str) -> bool:
    """True for the one request that may rebuild `key`; the lock expires by itself."""
    return page_cache().add(lock_key(key), 1, timeout=LOCK_SECONDS)


def lock_release(key: str) -> None:
    page_cache().delete(lock_key(key))


def uncacheable_key(key: str) -> str:
    return f"{key}:uncacheable"


def uncacheable_mark(key: str, *, status: int) -> None:
    """Remember that this address renders something never stored; a purge resets it."""
    timeout = UNCACHEABLE_ERROR_SECONDS if status >= 500 else UNCACHEABLE_SECONDS
    page_cache().set(uncacheable_key(key), 1, timeout=timeout)


def entry_or_uncacheable(key: str) -> tuple[CachedPage | None, bool]:
    """The stored page, if any, and whether the address is known to be uncacheable."""
    found = page_cache().get_many([key, uncacheable_key(key)])
    entry = found.get(key)
    return (entry if isinstance(entry, CachedPage) else None), uncacheable_key(key) in found


def paths_forget(paths) -> None:
    """Make every cached copy of these paths (any query string, any host) unreachable."""
    tokens = {path_token_key(path): uuid.uuid4().hex for path in set(paths)}
    if tokens:
        page_cache().set_many(tokens, timeout=None)


def site_forget() -> None:
    """Make every cached page unreachable, for changes every page shows (menu, site name)."""
    page_cache().set(SITE_TOKEN_KEY, uuid.uuid4().hex, timeout=None)
