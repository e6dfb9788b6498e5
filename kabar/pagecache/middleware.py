"""Serve anonymous readers whole pages from the page cache.

A request bypasses the cache when it is not a GET or HEAD, when it carries a session (staff,
signed-in readers, password-protected pages) or one of the comment form's own cookies (a
reader's held comments and remembered details appear only on their own uncached page, as
WordPress's page caches do), or when Wagtail renders a preview. Only responses a view marked
public (headers.public_page, BasePage.serve) are stored, and never one that sets a cookie.

No stampede: when a hot page goes stale, one request rebuilds it while the others get the stale
copy; when it is missing (just purged), one request renders it while the others wait briefly
for that render instead of all rendering at once. An address whose render turned out not to be
storable (a search, a 404, the comments fragment) is remembered as such, so nobody waits for a
copy that will never come, and only a few threads per process ever wait at all.

A fresh page this process served lately is answered from its own memory (store.LocalPages)
after one read of the shared purge generation. It runs here, after the security middleware and
before everything else, so it carries exactly the headers of any other hit; the whole answer is
then kept for kabar.pagecache.fast, which answers the next request for it before Django.
"""

import threading
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from . import store
from .headers import fresh_until_apply, is_public, private_cache_headers

STATUS_HEADER = "X-Cache"
WAIT_STEP_SECONDS = 0.05
# Threads of one process that may wait for another's render (more than a gunicorn process has
# threads, so normally all of them); past that they render themselves, so a
# burst on one slow address never pins every thread of the server.
MAX_WAITERS = 16


CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def request_bypasses(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return True
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return True
    return any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)


def response_storable(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and is_public(response)
    )


def vary_trimmed(response) -> None:
    """Drop Vary: Cookie and Accept-Language from a public page.

    The language comes from the path (/en/…), never the header, and a public page is by
    definition the same whatever the cookies; left in, they would split a CDN's copy per reader.
    """
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() not in ("cookie", "accept-language")]
    if kept != vary:
        del response.headers["Vary"]
        if kept:
            patch_vary_headers(response, kept)


def headers_default(response) -> None:
    """A response that says nothing about caching may be kept, but must be revalidated first:
    no shared cache guesses a lifetime for it (Cloudflare keeps a bare 404 for minutes)."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, no_cache=True)


def entry_from_response(response, *, fresh_until: float | None = None) -> store.CachedPage:
    if not response.has_header("ETag"):
        set_response_etag(response)
    now = time.time()
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(now)
    return store.CachedPage(
        status=response.status_code,
        content=response.content,
        headers=[
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", STATUS_HEADER.lower())
        ],
        created=now,
        fresh_until=min(now + settings.PAGE_CACHE_SECONDS, fresh_until or float("inf")),
        etag=response["ETag"],
    )


def response_from_entry(request, entry: store.CachedPage, *, status: str):
    response = HttpResponse(entry.content, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    response["Age"] = str(max(0, int(time.time() - entry.created)))
    response[STATUS_HEADER] = status
    response.page_cache_entry = entry  # what kabar.pagecache.fast keeps for the next request
    return get_conditional_response(
        request, etag=entry.etag, last_modified=int(entry.created), response=response
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Threads of one process share one render per key even where the cache's `add` is not
        # atomic across processes (the file cache): at worst one render per process.
        self._local_locks: dict[str, threading.Lock] = {}
        self._local_locks_guard = threading.Lock()
        self._waiters = threading.BoundedSemaphore(MAX_WAITERS)

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS:
            return self.response_uncached(request, status="OFF")
        if request_bypasses(request):
            return self.response_uncached(request, status="BYPASS")

        key = store.entry_key(request)
        # The fast path: this process's own copy, valid for the purge generation just read.
        entry = store.local_pages.entry_get(key)
        if entry is not None and entry.is_fresh():
            return response_from_entry(request, entry, status="HIT")
        entry, uncacheable = store.entry_or_uncacheable(key)
        if entry is None and uncacheable:
            return self.response_uncached(request, status="UNCACHEABLE")
        if entry is not None and entry.is_fresh():
            store.local_pages.entry_put(key, entry)
            return response_from_entry(request, entry, status="HIT")
        if entry is not None:
            if self.lock(key):
                return self.render_and_store(request, key, status="EXPIRED")
            return response_from_entry(request, entry, status="STALE")

        if self.lock(key):
            return self.render_and_store(request, key, status="MISS")
        entry = self.entry_wait(key)
        if entry is not None:
            return response_from_entry(request, entry, status="HIT")
        # The other render is slow, failed or will not be stored: render this one ourselves.
        return self.response_uncached(request, status="MISS")

    def entry_wait(self, key: str) -> store.CachedPage | None:
        """The page another request is rendering, once stored; None to render it ourselves."""
        if not self._waiters.acquire(blocking=False):
            return None
        try:
            deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(WAIT_STEP_SECONDS)
                entry, uncacheable = store.entry_or_uncacheable(key)
                if entry is not None or uncacheable:
                    return entry
            return None
        finally:
            self._waiters.release()

    def lock(self, key: str) -> bool:
        with self._local_locks_guard:
            local = self._local_locks.setdefault(key, threading.Lock())
        if not local.acquire(blocking=False):
            return False
        if store.lock_acquire(key):
            return True
        with self._local_locks_guard:
            self._local_locks.pop(key, None)
        local.release()
        return False

    def unlock(self, key: str) -> None:
        store.lock_release(key)
        with self._local_locks_guard:
            local = self._local_locks.pop(key, None)
        if local is not None and local.locked():
            local.release()

    def render_and_store(self, request, key: str, *, status: str):
        # The copy to store is the whole page: a browser revalidating its own copy would make
        # the render a bodiless 304, taken for "never storable". The entry answers it instead.
        conditions = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        try:
            response = self.get_response(request)
            request.META.update(conditions)
            if response_storable(request, response):
                vary_trimmed(response)
                entry = entry_from_response(
                    response, fresh_until=fresh_until_apply(request, response)
                )
                store.entry_set(key, entry)
                store.local_pages.entry_put(key, entry)
                return response_from_entry(request, entry, status=status)
            store.uncacheable_mark(key, status=response.status_code)
            headers_default(response)
            response[STATUS_HEADER] = "UNCACHEABLE"
            return response
        finally:
            self.unlock(key)

    def response_uncached(self, request, *, status: str):
        response = self.get_response(request)
        if is_public(response):
            if status == "BYPASS":
                # Rendered for this reader (staff see the userbar): no shared cache may keep it.
                private_cache_headers(response)
            else:
                vary_trimmed(response)
                fresh_until_apply(request, response)
                if not response.has_header("Last-Modified"):
                    response["Last-Modified"] = http_date()
        headers_default(response)
        response[STATUS_HEADER] = status
        return response
