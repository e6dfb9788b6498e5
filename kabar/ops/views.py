import hmac
import ipaddress
import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from kabar.core.site_data import without_site_data
from kabar.core.unavailable import unavailable_response

from .health import readiness
from .metrics import CONTENT_TYPE_LATEST, exposition


@without_site_data
@never_cache
def healthz(request):
    """The process answers; nothing else is checked."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
def readyz(request):
    """Each check's result; 503 when something serving needs (the database) is down."""
    checks = readiness()
    ready = all(check.ok for check in checks if check.required)
    body = {
        "status": "ok" if all(c.ok for c in checks) else ("degraded" if ready else "unavailable"),
        "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
    }
    return JsonResponse(body, status=200 if ready else 503)


def metrics_allowed(request) -> bool:
    """Whether this request may read the metrics: the bearer token, or an allowed address.

    An address counts only for a request that came straight, not through a proxy: behind
    Varnish or nginx on the same machine every reader's request arrives from 127.0.0.1, with
    the reader's own address in X-Forwarded-For.
    """
    if token := settings.METRICS_TOKEN:
        sent = request.headers.get("Authorization", "")
        if sent.startswith("Bearer ") and hmac.compare_digest(
            sent.removeprefix("Bearer ").encode(), token.encode()
        ):
            return True
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.METRICS_ALLOWED_IPS
    )


@without_site_data
@never_cache
def metrics(request):
    """Prometheus' text format; a plain 404 to anyone not allowed (kabar.ops.metrics)."""
    if not metrics_allowed(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's 500 view, but a 503 with Retry-After when the database is what failed.

    Called while the exception is being handled, so `sys.exc_info()` names it. Neither page
    touches the database: they are plain templates rendered without context processors.
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        return unavailable_response(loader.get_template("503.html").render())
    return defaults.server_error(request, template_name)
