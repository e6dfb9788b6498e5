"""Security headers: one Content-Security-Policy for readers, a looser one for the admin.

Both sit before the page cache in MIDDLEWARE, so a page answered from the cache gets the same
headers as one just rendered (the cache stores only what the inner middleware wrote).
docs/security.md says what each header does and how to allow a new origin.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def path_is_admin(path: str) -> bool:
    """An admin path that needs the looser policy (not the login page, which keeps the strict
    one)."""
    return path.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES) and not (
        path.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_STRICT_PATHS)
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, answering admin paths with CONTENT_SECURITY_POLICY_ADMIN."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if path_is_admin(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        elif getattr(request, "is_dummy", False):
            # A preview: Wagtail runs a made-up request for the reader's address through the
            # whole middleware stack and the admin view passes on its headers. The readers'
            # policy holds, except that the admin's preview panel must be able to frame it.
            parts.config = {
                **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                "frame-ancestors": [SELF],
            }
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Content-Security-Policy" in response:
            # The endpoint the policy's report-to names (the Reporting API).
            response.headers.setdefault("Reporting-Endpoints", f'csp="{settings.CSP_REPORT_PATH}"')
        return response
