"""Production: the same settings, but refusing to start with anything insecure."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, env_bool

if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50 characters or more) in production."
    )
if not os.environ.get("ALLOWED_HOSTS") or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names in production.")
if not os.environ.get("SITE_URL", "").startswith("https://") and not env_bool("ALLOW_HTTP"):
    raise ImproperlyConfigured("Set SITE_URL to the site's https:// address in production.")

# Behind nginx (deploy/nginx/kabar.conf), which overwrites whatever X-Forwarded-Proto a reader
# sent, the header says whether the reader used HTTPS. Trusting it is safe only while the app
# nodes are reachable from the proxies alone (docs/deploy.md); a node answering readers
# directly with TLS of its own sets TRUST_X_FORWARDED_PROTO=0.
if env_bool("TRUST_X_FORWARDED_PROTO", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
# HSTS over every subdomain, and the browsers' preload list, bind hosts Kabar does not serve to
# HTTPS for a year or more and are slow to undo, so only the operator may switch them on. Left
# off, `check --deploy` is told so instead of warning each time (CI runs it with warnings fatal).
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
