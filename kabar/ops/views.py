import sys

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from kabar.core.site_data import without_site_data
from kabar.core.unavailable import unavailable_response

from .health import readiness


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


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's 500 view, but a 503 with Retry-After when the database is what failed.

    Called while the exception is being handled, so `sys.exc_info()` names it. Neither page
    touches the database: they are plain templates rendered without context processors.
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        return unavailable_response(loader.get_template("503.html").render())
    return defaults.server_error(request, template_name)
