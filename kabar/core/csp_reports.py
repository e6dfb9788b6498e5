"""Where browsers report what the Content-Security-Policy blocked (`report-uri`, `report-to`).

A violation on a reader's page is either an attack that failed or our own page breaking under
the policy; either way it belongs in the log. Reports come from anyone's browser, so the body is
bounded, nothing is stored, and the log takes at most CSP_REPORTS_LOGGED_PER_MINUTE lines a
minute per process, then one line saying how many more were dropped.
"""

import json
import logging
import threading
import time

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kabar.core.site_data import without_site_data

logger = logging.getLogger("kabar.csp")

MAX_BODY_BYTES = 16 * 1024
FIELDS = ("document-uri", "violated-directive", "blocked-uri", "source-file", "line-number")
# The Reporting API's camelCase names for the same fields.
REPORTING_API_FIELDS = {
    "documentURL": "document-uri",
    "effectiveDirective": "violated-directive",
    "blockedURL": "blocked-uri",
    "sourceFile": "source-file",
    "lineNumber": "line-number",
}


class LogBudget:
    """At most `per_minute` lines a minute; the rest are counted and reported once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.window_start = 0.0
        self.used = 0
        self.dropped = 0

    def take(self, per_minute: int) -> tuple[bool, int]:
        """(may this line be logged, how many were dropped in the window that just ended)."""
        with self.lock:
            now, dropped_before = time.monotonic(), 0
            if now - self.window_start >= 60:
                self.window_start, self.used = now, 0
                dropped_before, self.dropped = self.dropped, 0
            if self.used < per_minute:
                self.used += 1
                return True, dropped_before
            self.dropped += 1
            return False, dropped_before


budget = LogBudget()


def violations_read(payload) -> list[dict]:
    """The violations in a report-uri body ({"csp-report": {...}}) or a Reporting API batch."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        return [{field: report.get(field) for field in FIELDS}]
    if isinstance(payload, list):
        return [
            {name: item["body"].get(key) for key, name in REPORTING_API_FIELDS.items()}
            for item in payload
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    raise ValueError("not a CSP report")


def refused(status: int) -> HttpResponse:
    response = HttpResponse(status=status)
    # Not one django.request warning per junk post: the budget above is the log's only door.
    response._has_been_logged = True
    return response


@without_site_data
@csrf_exempt  # browsers send reports without a token, and the view changes nothing
@require_POST
def csp_report(request):
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
        return refused(413)
    try:
        violations = violations_read(json.loads(request.body))
    except ValueError:
        return refused(400)
    for violation in violations:
        allowed, dropped = budget.take(settings.CSP_REPORTS_LOGGED_PER_MINUTE)
        if dropped:
            logger.warning("CSP: %d more violation reports were not logged", dropped)
        if allowed:
            logger.warning(
                "CSP violation: %s blocked %s on %s (%s:%s)",
                violation["violated-directive"],
                violation["blocked-uri"],
                violation["document-uri"],
                violation["source-file"],
                violation["line-number"],
            )
    return HttpResponse(status=204)
