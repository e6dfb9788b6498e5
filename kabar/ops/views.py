from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from .health import readiness


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
