"""The Cache-Control a public page carries, and the decorator views use to ask for it."""

import time
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def public_cache_headers(response) -> None:
    """Let shared caches (ours, nginx, a CDN) keep the response; browsers revalidate each time.

    max-age=0 because a browser's copy cannot be purged: with the ETag a revalidation costs a
    304, and the reader never sees a story the newsroom has already changed.
    """
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SECONDS,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )


def private_cache_headers(response) -> None:
    """One reader's page: no shared cache may keep it."""
    cache_control = response.get("Cache-Control", "")
    if "no-store" in cache_control:
        return
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, private=True, no_cache=True)


def public_page(view):
    """Decorate a view whose answer is the same for every anonymous reader."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            public_cache_headers(response)
        return response

    return wrapper


def is_public(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return "public" in cache_control and "s-maxage" in cache_control


def fresh_until_limit(request, until: float) -> None:
    """Let no shared cache keep the page this request renders past `until` (a Unix time):
    something on it changes then by itself (a breaking-news banner expires)."""
    current = getattr(request, "page_cache_fresh_until", None)
    if current is None or until < current:
        request.page_cache_fresh_until = until


def fresh_until_apply(request, response) -> float | None:
    """Lower a public response's `s-maxage` to the limit its render set; the limit, if any."""
    until = getattr(request, "page_cache_fresh_until", None)
    if until is None or not is_public(response):
        return None
    seconds = max(0, round(until - time.time()))
    if seconds < settings.PAGE_CACHE_SECONDS:
        # patch_cache_control keeps the lower max-age, but simply replaces s-maxage.
        patch_cache_control(response, s_maxage=seconds)
    return until
