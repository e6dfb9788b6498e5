"""The answer while the database is away: 503, when to come back, and never stored."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

# How long clients and proxies are told to wait before asking again.
RETRY_AFTER_SECONDS = 30


def unavailable_response(html: str) -> HttpResponse:
    """`html` (a page rendered without the database) as a 503 with Retry-After."""
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response
