"""Where cached pages live, how they are found, and how they are forgotten.

Keys carry two version tokens: one per path (every query string and language of that path)
and one for the whole site. Purging a path or the site puts a new token in place, so the old
entries can never be found again and simply age out. A render that began before a purge read
the old token, so it stores under the old key where nobody looks: a purge can never be undone
by a slow request that was already under way.

Each process also keeps its hottest pages, and the tokens of the paths it has served, in its
own memory (`LocalPages`). They stay valid while the shared purge generation is unchanged:
every purge writes a new one after the new tokens, so a request reads one small key instead of
four (two tokens, the page, its uncacheable mark), and a purge made by any process is seen by
every other on its next request.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches

SITE_TOKEN_KEY = "pagecache:site"
GENERATION_KEY = "pagecache:generation"
# Paths whose tokens one process remembers before it starts again from none (a scan of missing
# addresses must not grow a process without bound).
LOCAL_TOKENS_MAX = 10_000
# Whole answers one process keeps for the WSGI fast path (kabar.pagecache.fast).
LOCAL_ANSWERS_MAX = 500
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


def token_ensure(cache, key: str) -> str:
    """The token under `key`; a missing one (never set, or evicted) gets a fresh random one,
    never a fixed default: entries stored under a token since evicted must stay unreachable."""
    cache.add(key, uuid.uuid4().hex, timeout=None)
    return cache.get(key) or uuid.uuid4().hex


def token_read(key: str) -> str:
    """A token read on every request (the purge generation, the site token): the file cache's
    read skips the file while it is unchanged (filecache.py); Redis is read."""
    cache = page_cache()
    read = getattr(cache, "get_unchanged", cache.get)
    return read(key) or token_ensure(cache, key)


class LocalPages:
    """This process's copies of hot pages and of path tokens, for one purge generation.

    Bounded in bytes (pages) and count (tokens); least recently used pages go first.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.generation: str | None = None
        self.tokens: dict[str, tuple[str, str]] = {}
        self.entries: OrderedDict[str, CachedPage] = OrderedDict()
        self.size = 0
        # Whole answers as the WSGI server got them, by request address (kabar.pagecache.fast).
        self.answers: dict[tuple, object] = {}
        self.answers_size = 0

    def generation_set(self, generation: str) -> None:
        """Forget everything kept under another generation."""
        with self.lock:
            if generation != self.generation:
                self.generation = generation
                self.tokens.clear()
                self.entries.clear()
                self.size = 0
                self.answers.clear()
                self.answers_size = 0

    def tokens_get(self, generation: str, path: str) -> tuple[str, str] | None:
        with self.lock:
            return self.tokens.get(path) if generation == self.generation else None

    def tokens_put(self, generation: str, path: str, tokens: tuple[str, str]) -> None:
        with self.lock:
            if generation != self.generation:
                return
            if len(self.tokens) >= LOCAL_TOKENS_MAX:
                self.tokens.clear()
            self.tokens[path] = tokens

    def entry_get(self, key: str) -> CachedPage | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def entry_put(self, key: str, entry: CachedPage) -> None:
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        if len(entry.content) > limit // 4:
            return  # one huge page must not push out every other
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old.content)
            self.entries[key] = entry
            self.size += len(entry.content)
            while self.size > limit:
                _key, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped.content)

    def answer_get(self, generation: str, address: tuple):
        with self.lock:
            return self.answers.get(address) if generation == self.generation else None

    def answer_put(self, generation: str, address: tuple, answer, *, size: int) -> None:
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        if size > limit // 4:
            return
        with self.lock:
            if generation != self.generation:
                return  # a purge came in the meantime: the answer may be out of date
            if self.answers_size + size > limit or len(self.answers) >= LOCAL_ANSWERS_MAX:
                self.answers.clear()  # the hot pages are answered again within a request each
                self.answers_size = 0
            self.answers[address] = answer
            self.answers_size += size


local_pages = LocalPages()


def generation_current() -> str:
    """The shared purge generation, checked once per request; resets `local_pages` on change."""
    generation = token_read(GENERATION_KEY)
    local_pages.generation_set(generation)
    return generation


def tokens_get(path: str) -> tuple[str, str]:
    """The site's and the path's current version tokens, made when missing."""
    # The generation is read before the tokens and a purge writes it after them, so tokens
    # kept under a generation are never older than that generation.
    generation = generation_current()
    kept = local_pages.tokens_get(generation, path)
    if kept is not None:
        return kept
    tokens = tokens_shared(path)
    local_pages.tokens_put(generation, path, tokens)
    return tokens


def tokens_shared(path: str) -> tuple[str, str]:
    cache = page_cache()
    keys = [SITE_TOKEN_KEY, path_token_key(path)]
    found = cache.get_many(keys)
    site, path_token = (found.get(key) or token_ensure(cache, key) for key in keys)
    return site, path_token


def site_token() -> str:
    """The site's current version token: it changes whenever every page is purged."""
    return token_read(SITE_TOKEN_KEY)


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
    site, path_token = tokens_get(path)
    address = f"{request.get_host()}{path}?{query_normalised(request.META.get('QUERY_STRING', ''))}"
    return f"pagecache:page:{site}:{path_token}:{_digest(address)}"


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
        generation_next()


def site_forget() -> None:
    """Make every cached page unreachable, for changes every page shows (menu, site name)."""
    page_cache().set(SITE_TOKEN_KEY, uuid.uuid4().hex, timeout=None)
    generation_next()


def generation_next() -> None:
    """Tell every process its own copies are out of date; written after the new tokens.

    A new random value rather than a count: a counter in the file cache is not atomic, and two
    purges at once must never leave the same generation as before them.
    """
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
