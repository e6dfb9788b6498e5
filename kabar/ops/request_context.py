"""The outermost WSGI wrapper: a request id, one log line and the metrics for every request.

It wraps the page cache's fast path too (kabar/wsgi.py), so a page answered before Django's
handler still carries the id back to the reader and is counted; what it adds per request is a
few microseconds against the ~60-100 of such a hit (docs/performance.md, "Request ids, logs and
metrics"). The access line is written only when the `kabar.access` logger is at INFO, which
LOG_FORMAT=json (or ACCESS_LOG=1) sets; for those fast hits only when `kabar.access.hits` is
(ACCESS_LOG_HITS=1): a JSON line costs more than the hit itself, and nginx and Varnish log
each of those requests with the same id anyway.
"""

import logging
import time

from kabar.pagecache.fast import FAST_HIT_KEY

from . import logs, metrics

access_logger = logging.getLogger("kabar.access")
hits_logger = logging.getLogger("kabar.access.hits")


class RequestContext:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        request_id = logs.request_id_from(environ.get("HTTP_X_REQUEST_ID"))
        # Django, and whatever it calls, sees the id this wrapper answers with.
        environ["HTTP_X_REQUEST_ID"] = request_id
        token = logs.request_id_var.set(request_id)
        sent = []

        def start_response_with_id(status, headers, exc_info=None):
            sent.append(status)
            # A new list: the one passed in may be kept, as the fast path keeps a page's headers.
            return start_response(status, [*headers, ("X-Request-ID", request_id)], exc_info)

        try:
            response = self.application(environ, start_response_with_id)
            seconds = time.perf_counter() - started
            status = sent[-1][:3] if sent else "500"
            logger = access_logger
            if environ.get(FAST_HIT_KEY):
                view, cache, logger = "page_cache", "HIT", hits_logger
            else:
                view = getattr(response, "kabar_view", "") or "unknown"
                headers = getattr(response, "headers", None)
                cache = headers.get("X-Cache", "") if headers is not None else ""
            metrics.request_observe(view=view, status=status, seconds=seconds, cache=cache)
            if logger.isEnabledFor(logging.INFO):
                access_line(logger, environ, status=status, seconds=seconds, view=view, cache=cache)
            return response
        finally:
            logs.request_id_var.reset(token)


def access_line(logger, environ, *, status: str, seconds: float, view: str, cache: str) -> None:
    path = environ.get("PATH_INFO", "")
    method = environ.get("REQUEST_METHOD", "")
    logger.info(
        "%s %s %s",
        method,
        path,
        status,
        extra={
            "method": method,
            "path": path,
            "status": int(status),
            "duration_ms": round(seconds * 1000, 2),
            "view": view,
            "cache": cache,
        },
    )
