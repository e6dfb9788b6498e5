"""Fresh cached pages answered before Django's handler: the WSGI fast path.

A page-cache hit answered by the middleware still costs Django's request object, its signals
and every outer middleware: the content security policy alone is rebuilt for every response
(a third of a hit's time, measured in docs/performance.md). So when the page-cache middleware
answers a fresh page, this wrapper keeps the whole answer as the server got it (status,
every header the outer middlewares added, body) in this process's memory, by the request's
address, and answers the next request for that address itself after the same one shared read
of the purge generation the middleware does. A purge changes the generation and drops them all.

Only plain GETs of anonymous readers take this path: no cookie that bypasses the page cache,
no conditional request (Django answers 304s), and the scheme, host and forwarding headers are
part of the address, so an answer is reused only for a request Django would answer the same.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.http import parse_cookie

from . import store

KEPT_STATUSES = ("HIT", "MISS", "EXPIRED")
# Set in the WSGI environ of a request answered here, for the metrics outside (kabar.ops).
FAST_HIT_KEY = "kabar.page_cache_fast"


@dataclass(frozen=True)
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    created: float
    fresh_until: float


def address_of(environ) -> tuple | None:
    """What identifies the answer to this request, or None when it must go to Django."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
        return None
    cookie = environ.get("HTTP_COOKIE")
    if cookie:
        names = parse_cookie(cookie)
        if any(name in names for name in settings.PAGE_CACHE_BYPASS_COOKIES):
            return None
    return (
        environ.get("wsgi.url_scheme", ""),
        environ.get("HTTP_X_FORWARDED_PROTO", ""),
        environ.get("HTTP_HOST", ""),
        environ.get("HTTP_X_FORWARDED_HOST", ""),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )


def answer_from(status: str, headers, response) -> tuple[Answer, int] | None:
    """The answer to keep from what Django sent, with its size; None if it is not a kept page."""
    entry = getattr(response, "page_cache_entry", None)
    if entry is None or not status.startswith("200 ") or getattr(response, "streaming", True):
        return None
    kept = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == "set-cookie":
            return None
        if lowered == "x-cache" and value not in KEPT_STATUSES:
            return None
        if lowered not in ("age", "x-cache"):
            kept.append((name, value))
    body = response.content
    answer = Answer(status, kept, body, entry.created, entry.fresh_until)
    return answer, len(body)


class FastHits:
    """WSGI middleware around Django's application (kabar/wsgi.py)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not settings.PAGE_CACHE_SECONDS or not settings.PAGE_CACHE_LOCAL_BYTES:
            return self.application(environ, start_response)
        address = address_of(environ)
        if address is None:
            return self.application(environ, start_response)
        generation = store.generation_current()
        answer = store.local_pages.answer_get(generation, address)
        now = time.time()
        if answer is not None and now < answer.fresh_until:
            age = str(max(0, int(now - answer.created)))
            environ[FAST_HIT_KEY] = True
            start_response(answer.status, [*answer.headers, ("Age", age), ("X-Cache", "HIT")])
            return [answer.body]

        sent = {}

        def start_response_noted(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        response = self.application(environ, start_response_noted)
        if "status" in sent:
            kept = answer_from(sent["status"], sent["headers"], response)
            if kept is not None:
                store.local_pages.answer_put(generation, address, kept[0], size=kept[1])
        return response
