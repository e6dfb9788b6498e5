"""Parts of pages (an article's text, a front page's blocks, a feed's entries) kept in each
process, valid for one purge generation.

Every change readers can see already purges the pages that show it, and every purge writes a
new shared generation (`store.generation_next`). A fragment kept under the generation a request
began with is therefore exactly as fresh as a page the page cache would answer: the first render
after any purge builds it again. So an uncached page (the page cache off, a new address, a
query string) rebuilds only what no fragment holds.

The generation is read once, before the view reads anything (`request_begin`): a purge that
commits while the request renders leaves what it builds under the old generation, where no
later request looks, as the page cache's path tokens do.

A fragment is also kept no longer than PAGE_FRAGMENT_SECONDS (0 turns fragments off), a safety
net for a change that purged nothing, as PAGE_CACHE_SECONDS is for pages, and no longer than
anything it shows allows (`fresh_until_limit` while it was built). What changes by itself
with time (the most-read lists) is kept `seconds` at most.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.utils import translation

from . import store
from .headers import fresh_until_limit

# What one process keeps, in characters of HTML (about bytes: the pages are mostly ASCII);
# the least recently used go first.
FRAGMENTS_MAX_CHARS = 4 * 1024 * 1024


class Fragments:
    """This process's fragments for one purge generation, least recently used first."""

    def __init__(self, max_chars: int = FRAGMENTS_MAX_CHARS):
        self.lock = threading.Lock()
        self.generation: str | None = None
        self.entries: OrderedDict[tuple, tuple[object, float, float | None, int]] = OrderedDict()
        self.size = 0
        self.max_chars = max_chars

    def get(self, generation: str, key: tuple):
        """(value, limit) kept under `key`, or None (none, expired, or another generation);
        `limit` is the `fresh_until_limit` the build asked for, if any."""
        with self.lock:
            if generation != self.generation:
                return None
            found = self.entries.get(key)
            if found is None:
                return None
            value, expires, limit, _size = found
            if expires <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return value, limit

    def put(self, generation, key, value, *, size: int, expires: float, limit=None) -> None:
        """Keep `value` until `expires` (a Unix time) or the next purge."""
        if size > self.max_chars // 4:
            return  # one huge fragment must not push out every other
        with self.lock:
            if generation != self.generation:
                # Only a newer generation replaces the kept one; a request that began before
                # a purge (an older generation) stores nothing.
                if generation != store.local_pages.generation:
                    return
                self.generation = generation
                self.entries.clear()
                self.size = 0
            self._drop(key)
            self.entries[key] = (value, expires, limit, size)
            self.size += size
            while self.size > self.max_chars:
                _key, (*_kept, dropped) = self.entries.popitem(last=False)
                self.size -= dropped

    def _drop(self, key: tuple) -> None:
        found = self.entries.pop(key, None)
        if found is not None:
            self.size -= found[-1]

    def forget(self, key: tuple) -> None:
        with self.lock:
            self._drop(key)

    def clear(self) -> None:
        with self.lock:
            self.generation = None
            self.entries.clear()
            self.size = 0


fragments = Fragments()


def request_begin(request) -> str:
    """Read the purge generation this request's fragments belong to; call before the view
    reads any data (kabar.core.site_data's middleware does)."""
    generation = store.generation_current()
    request.fragment_generation = generation
    return generation


def request_generation(request) -> str | None:
    """The request's generation, or None where fragments must not be used: turned off, outside
    a request, in a preview (a draft's text), for anything but a GET or HEAD."""
    if settings.PAGE_FRAGMENT_SECONDS <= 0:
        return None
    if request is None or getattr(request, "is_preview", False):
        return None
    if request.method not in ("GET", "HEAD"):
        return None
    generation = getattr(request, "fragment_generation", None)
    return generation if generation is not None else request_begin(request)


def process_held(name: str, build, *, size=len):
    """A value every request of this process shares (no host, language or address in its key),
    kept for the current purge generation as fragments are, or `build()`'s when they are off."""
    if settings.PAGE_FRAGMENT_SECONDS <= 0:
        return build()
    generation = store.generation_current()  # before the build, as request_begin's
    found = fragments.get(generation, (name,))
    if found is not None:
        return found[0]
    value = build()
    expires = time.time() + settings.PAGE_FRAGMENT_SECONDS
    fragments.put(generation, (name,), value, size=size(value), expires=expires)
    return value


def process_held_forget(name: str) -> None:
    """Drop this process's `process_held` value at once (the purge tells the others)."""
    fragments.forget((name,))


def fragment_key(request, name: str, parts: tuple, *, per_address: bool = True) -> tuple:
    """One definition of a fragment's key: its name and parts, the host and language, and
    (unless it is the same on every page) the address with its query string."""
    key = (name, *parts, request.get_host(), translation.get_language())
    if per_address:
        key += (request.path, store.query_normalised(request.META.get("QUERY_STRING", "")))
    return key


def fragment_get_or_build(
    request, name: str, parts: tuple, build, *, per_address: bool = True, seconds=None, size=len
):
    """The fragment `name` for `parts` as kept for this request's generation, or `build()`'s
    value, then kept. `size(value)` bounds what a process keeps."""
    generation = request_generation(request)
    if generation is None:
        return build()
    key = fragment_key(request, name, parts, per_address=per_address)
    found = fragments.get(generation, key)
    if found is not None:
        value, limit = found
        if limit is not None:
            # Something it shows changes then by itself: so does the page showing it.
            fresh_until_limit(request, limit)
        return value
    now = time.time()
    # What the build alone asks for: the request may have a shorter limit from elsewhere.
    before = getattr(request, "page_cache_fresh_until", None)
    request.page_cache_fresh_until = None
    try:
        value = build()
    finally:
        limit = request.page_cache_fresh_until
        request.page_cache_fresh_until = before
    expires = now + settings.PAGE_FRAGMENT_SECONDS
    if seconds:
        expires = min(expires, now + seconds)
    if limit is not None:
        expires = min(expires, limit)
        fresh_until_limit(request, limit)
    fragments.put(generation, key, value, size=size(value), expires=expires, limit=limit)
    return value
