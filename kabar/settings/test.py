"""Tests: fast hashing, local cache, tasks run at once, naive datetimes are errors."""

import os
import warnings

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
if not os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
        "shared": CACHES["shared"],  # noqa: F405
    }
else:
    # One test run's pages never meet another's.
    CACHES["pages"]["KEY_PREFIX"] = f"kabar-test-{os.getpid()}-pages"
# Most tests set up pages with plain ORM saves, which the newsroom never does (it publishes, and
# publishing purges); they test rendering, so the page cache is off unless a test turns it on
# with the `page_cache_on` fixture (kabar/core/tests/test_page_cache*.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# The same for the parts of pages each process keeps (the `page_fragments_on` fixture).
PAGE_FRAGMENT_SECONDS = int(os.environ.get("PAGE_FRAGMENT_SECONDS", "0"))
# Every counted view goes to the shared cache at once, where a test can see it.
VIEW_BUFFER_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
# Most tests sign staff in with force_login or the password form alone; the second factor is
# tested where a test turns it on (kabar/staff/tests/).
STAFF_2FA_REQUIRED = False
# Absolute URLs come from the test client's host, whatever the developer's shell exports.
SITE_URL = ""
ALLOWED_HOSTS = ["*"]

warnings.filterwarnings(
    "error", r"DateTimeField .* received a naive datetime", RuntimeWarning, r"django\.db\.models"
)

# SQLite tests run on a file in WAL mode, as the embedded default does, rather than
# SQLite's shared-cache in-memory database: that one answers concurrent writers with
# "table is locked" at once instead of waiting, which no deployment would see.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kabar-test-{os.getpid()}.sqlite3")
    }
