"""Kabar settings: the embedded default, switched to outside services by the environment.

With no variables set the site runs on SQLite (WAL), local media, a local cache and a
database task queue, all kept under ``KABAR_DATA_DIR`` (default ``var/``). Each outside
service switches on when its variable exists; `.env.example` lists them all.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "kabar"
DATA_DIR = Path(os.environ.get("KABAR_DATA_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def persistent_secret_key(path: Path) -> str:
    """Return the embedded default's secret key, generating it once on first run."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Web workers, the task worker and the scheduler may start at once: write the key to a
    # private file and link it into place, so exactly one key wins and nobody reads half of it.
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or persistent_secret_key(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of the site: absolute URLs in heads, feeds and sitemaps start with it.
SITE_URL = os.environ.get("SITE_URL", "")
# The public URL of the site, used in emails and as Wagtail's admin base URL.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")

INSTALLED_APPS = [
    "kabar.pagecache",
    "kabar.core",
    "kabar.news",
    "kabar.comments",
    "kabar.complaints",
    "kabar.corrections",
    "kabar.newsletters",
    "kabar.search",
    "kabar.seo",
    "kabar.planning",
    "kabar.ingest",
    "kabar.ops",
    "kabar.staff",
    "wagtail.contrib.forms",
    # Less its routes in the unused API v3, as the three below (kabar.core.wagtail_apps).
    "kabar.core.wagtail_apps.WagtailRedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    # Wagtail's frontend cache less its per-page purges (kabar.news.invalidation makes them).
    "kabar.pagecache.frontend_cache.FrontendCacheConfig",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    # These three and the redirects above: less their API v3 routes (kabar.core.wagtail_apps).
    "kabar.core.wagtail_apps.WagtailSnippetsConfig",
    "kabar.core.wagtail_apps.WagtailDocumentsConfig",
    "kabar.core.wagtail_apps.WagtailImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # Names the view that answered, for the request metrics (kabar.ops.request_context).
    "kabar.ops.middleware.ViewNameMiddleware",
    # The security headers come first, so that pages answered from the page cache carry them too
    # (docs/security.md).
    "django.middleware.security.SecurityMiddleware",
    "kabar.core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything else that works per request: a cached page is answered right here.
    "kabar.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The site, its settings and menus, held per process (kabar.core.site_data).
    "kabar.core.site_data.SiteDataMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    # Staff who must, or chose to, use a second factor reach the admin only after it.
    "kabar.staff.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "kabar.ingest.middleware.WordPressQueryRedirectMiddleware",
]

ROOT_URLCONF = "kabar.urls"
WSGI_APPLICATION = "kabar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, anything dj-database-url reads otherwise.
# Web workers, the task worker and the scheduler share one SQLite file: WAL lets readers
# run beside the writer, and waiting on the lock beats failing with "database is locked".
# Each connection's page cache, in KiB (SQLite's default is 2,000): every thread of every process
# keeps one, the operating system caches the same file once for all of them, and at 10,000
# articles the web worker's 4 connections took ~6 MiB more with the default
# (docs/performance.md, "Memory: the last MiB").
SQLITE_CACHE_KIB = int(os.environ.get("SQLITE_CACHE_KIB", "256"))
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        f"PRAGMA cache_size=-{SQLITE_CACHE_KIB};"
    ),
    "transaction_mode": "IMMEDIATE",
}
if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(database_url, conn_max_age=600, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    # Behind pgbouncer in transaction mode (deploy/pgbouncer) each transaction may get another
    # server connection: a server-side cursor or a prepared statement would not be there.
    if os.environ.get("DATABASE_POOLER", "").strip().lower() == "transaction":
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
            # Kept between requests: opening the file and running the PRAGMAs above cost
            # about 4% of an uncached page.
            "CONN_MAX_AGE": 600,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared Redis when configured, otherwise the process-local cache.
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "kabar.pagecache.resilient.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kabar"),
        }
    }
elif cache_table := os.environ.get("CACHE_TABLE"):
    # A cache every process shares without Redis; `make run` creates the table.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": cache_table,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Counters every process must share (reader sign-in rate limits, kabar.core.shared_cache):
# the shared default cache when there is one, otherwise a table in the database.
SHARED_CACHE_ALIAS = "shared"
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
    CACHES[SHARED_CACHE_ALIAS] = CACHES["default"]
else:
    CACHES[SHARED_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kabar_shared_cache",
    }

# Whole pages for anonymous readers (kabar.pagecache). Shared by every process: Redis when
# configured, otherwise files under the data directory, so that a purge made by one gunicorn
# process (or the scheduler) reaches the others, which a per-process memory cache could not.
PAGE_CACHE_ALIAS = "pages"
if redis_url:
    CACHES[PAGE_CACHE_ALIAS] = {
        **CACHES["default"],
        "KEY_PREFIX": f"{CACHES['default']['KEY_PREFIX']}-pages",
    }
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "kabar.pagecache.filecache.PageFileCache",
        "LOCATION": DATA_DIR / "cache" / "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "20000"))},
    }
# How long a page is served before it is rebuilt (purges are immediate; this is a safety net),
# and how long past that a stale copy may be served while one request rebuilds it. 0 turns the
# page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "60"))
# How long a reader waits for another request's render of a page that is missing.
PAGE_CACHE_WAIT_SECONDS = float(os.environ.get("PAGE_CACHE_WAIT_SECONDS", "5"))
# Bytes of hot pages each process keeps in its own memory (kabar.pagecache.store.LocalPages),
# answered without reading the shared cache; 0 turns that off.
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(4 * 1024 * 1024)))
# Parts of pages (an article's text, the front page's blocks, a feed's entries) each process
# keeps until the next purge (kabar.pagecache.fragments), and at most this long; 0: none.
PAGE_FRAGMENT_SECONDS = int(os.environ.get("PAGE_FRAGMENT_SECONDS", "600"))
# Readers with these cookies get their own page: a session (staff, signed-in readers), a
# one-off message waiting to be shown, or the comment form's cookies (their held comments and
# remembered details).
PAGE_CACHE_BYPASS_COOKIES = [
    "sessionid",
    "messages",
    "kabar_komentar_saya",
    "kabar_komentator",
]
PAGE_CACHE_ALL_PATHS = "kabar.news.invalidation.site_paths_all"

# A CDN or caching proxy in front, purged through Wagtail's frontend cache as a background task
# whenever the page cache is purged. FRONTEND_CACHE picks the kind.
FRONTEND_CACHE_BACKENDS = {
    "http": lambda: {
        # Varnish, or nginx with a PURGE handler: a PURGE request per address.
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
    },
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    },
}
if frontend_cache := os.environ.get("FRONTEND_CACHE", "").strip().lower():
    if frontend_cache not in FRONTEND_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE={frontend_cache!r}: use one of {', '.join(FRONTEND_CACHE_BACKENDS)}."
        )
    try:
        WAGTAILFRONTENDCACHE = {frontend_cache: FRONTEND_CACHE_BACKENDS[frontend_cache]()}
    except KeyError as missing:
        raise ImproperlyConfigured(f"FRONTEND_CACHE={frontend_cache} needs {missing}.") from None

# Background tasks: a database queue worked by `manage.py db_worker`, which `make run`
# starts beside the web server.
# How often `manage.py serve`'s scheduler runs (scheduled publishing and other periodic jobs);
# /readyz expects its heartbeat within three rounds.
SCHEDULER_INTERVAL = float(os.environ.get("SCHEDULER_INTERVAL", "30"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Ingest fetches feeds and images from public addresses only. Tests name host names that may
# resolve to loopback (their local HTTP server); production leaves this empty.
INGEST_FETCH_LOOPBACK_HOSTS: tuple[str, ...] = ()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Indonesian first, English available, Jakarta time.
# "id-id" rather than "id" so that Wagtail's admin catalog (id_ID) loads too;
# Django's own "id" catalog and formats are found through the fallback.
LANGUAGE_CODE = "id-id"
LANGUAGES = [("id-id", _("Bahasa Indonesia")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id-id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILADMIN_USER_LOGIN_FORM = "kabar.staff.forms.StaffLoginForm"
WAGTAIL_CONTENT_LANGUAGES = [("id-id", "Bahasa Indonesia")]
# The project's own strings first; then its Indonesian for the messages Wagtail, Django and the
# other libraries leave untranslated (kabar/locale_upstream), ahead of their own catalogues.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_upstream"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# Static files: hashed names and gzip/brotli copies made by collectstatic, served by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
# Uploads go to local disk, or to an S3-compatible bucket when one is named; boto3 reads
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "kabar.core.storage.StaticFilesStorage"},
    # Staff uploads not meant for the public (WordPress exports): outside MEDIA_ROOT, no URL.
    "private": {
        "BACKEND": "kabar.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("PRIVATE_ROOT", DATA_DIR / "private"))},
    },
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Public news photos: plain URLs a CDN can cache, and no upload overwrites another.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH"),
            "file_overwrite": False,
        },
    }
    # The same bucket, under a prefix of its own with private objects: only signed requests
    # (made by the server, never handed to a reader) can read them.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": os.environ.get("AWS_PRIVATE_LOCATION", "private"),
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Email: SMTP when EMAIL_HOST is set, otherwise files in a folder that `make run` names.
if email_host := os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = email_host
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kabar Harapan <redaksi@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "Kabar Harapan"
WAGTAIL_I18N_ENABLED = False
# Site search: Wagtail's database backend (SQLite FTS5, or PostgreSQL full-text search with
# its "indonesian" configuration); kabar.search adds stems, stopwords and protected words.
# docs/search.md shows the OpenSearch/Elasticsearch configuration.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "kabar.search.backends", "SEARCH_CONFIG": "indonesian"}
}
# The image form adds the photo's caption and credit (kabar.core.models.ImageDetails).
WAGTAILIMAGES_IMAGE_FORM_BASE = "kabar.core.image_forms.KabarImageForm"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
# Embeds are cleaned before they are shown (kabar.core.embeds): no provider's script or inline
# style reaches a reader, and the CSS keeps the frame's proportions instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAILREDIRECTS_AUTO_CREATE = True
# "Transportasi" typed in an article is the existing tag "transportasi", not a second tag at
# /tag/transportasi_1/ (kabar.news.services renames and merges tags).
TAGGIT_CASE_INSENSITIVE = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: staff email hashes stay with us, and the admin loads no image from elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# The admin's date pickers write this format and the form parses it back with the editor's
# language's input formats; only ISO dates are accepted in both Indonesian and English.
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# --- Security headers (docs/security.md) ---
# Django's own: no MIME sniffing, no address sent to other sites, a window of our own that
# pages of other sites cannot reach, and no framing by other sites.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Origins allowed to be framed by article embeds (kabar.core.embeds keeps only their iframes)
# and to serve images and media; EMBED_FRAME_ORIGINS and CSP_MEDIA_ORIGINS add more.
EMBED_FRAME_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://open.spotify.com",
    "https://w.soundcloud.com",
    *env_list("EMBED_FRAME_ORIGINS"),
]
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
if AWS_STORAGE_BUCKET_NAME:
    # Photos served from the bucket, or from the CDN domain in front of it.
    if custom_domain := os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        CSP_MEDIA_ORIGINS.append(f"https://{custom_domain}")
    elif endpoint := os.environ.get("AWS_S3_ENDPOINT_URL"):
        CSP_MEDIA_ORIGINS.append(endpoint.rstrip("/"))
    else:
        CSP_MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        if region := os.environ.get("AWS_S3_REGION_NAME"):
            CSP_MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{region}.amazonaws.com")
# Browsers report what a policy blocked to /csp-report (kabar.core.csp_reports), which logs it:
# report-uri for every browser, report-to (with the Reporting-Endpoints header) for newer ones.
CSP_REPORT_PATH = "/csp-report"
CSP_REPORTING = {"report-uri": [CSP_REPORT_PATH], "report-to": "csp"}
CSP_REPORTS_LOGGED_PER_MINUTE = 20
# Readers' pages: only this site's own scripts, styles, fonts and forms; no inline script or
# style, no eval, no plugins, never framed. The page cache keeps one copy per address for
# everybody, so nonces (a new one per response) cannot be used, and need not be: public pages
# carry no inline script (JSON-LD is data, which CSP does not block).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": EMBED_FRAME_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **CSP_REPORTING,
    },
}
# The Wagtail admin (and its page previews, which render readers' pages inside an admin frame).
# Looser, because Wagtail 8 still writes inline <script> elements (inline panels, date and time
# pickers) and many inline style attributes, and shows image and embed previews from wherever
# they are; it is staff-only, behind a login and a second factor. No eval still, and it may be
# framed by itself only (the preview panel).
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/",)
# The door to the admin needs none of that (no inline script or style), so the password is
# typed under the readers' strict policy, where an injected script could not run.
CONTENT_SECURITY_POLICY_ADMIN_STRICT_PATHS = ("/admin/login/",)
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_ORIGINS],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        **CSP_REPORTING,
    },
}
# Browser features no page of the site uses are switched off, for the site and its embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Logs go to standard error: plain messages by default (`make run`), one JSON object a line
# with LOG_FORMAT=json (production: journald or a log shipper reads them), each carrying the
# request id or the task it was logged in (kabar.ops.logs). ACCESS_LOG adds a line per request
# (method, path, status, duration, id); on by default with JSON. ACCESS_LOG_HITS adds one for
# the pages answered before Django's handler too: a JSON line costs more than such a hit
# (docs/performance.md), and nginx and Varnish log those requests with the same id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use plain or json.")
ACCESS_LOG = env_bool("ACCESS_LOG", LOG_FORMAT == "json")
ACCESS_LOG_HITS = ACCESS_LOG and env_bool("ACCESS_LOG_HITS")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "kabar.ops.logs.ContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message"],
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "kabar.access": {"level": "INFO" if ACCESS_LOG else "WARNING"},
        "kabar.access.hits": {"level": "INFO" if ACCESS_LOG_HITS else "WARNING"},
    },
}

# Prometheus metrics at /_/metrics (kabar.ops.metrics), for the addresses listed here (exact
# addresses or networks) when the request came straight, not through a proxy, or for any request
# with `Authorization: Bearer <METRICS_TOKEN>`. Everyone else gets a 404.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# --- Public forms' bot traps (kabar.core.antispam) ---
# Each comment or complaint form carries a signed start time that can be sent once; a form
# sent again (a replay, a double click) is handed back to its reader with a fresh one.
FORM_TOKENS_SINGLE_USE = True

# --- Reader comments (kabar.comments) ---
# Outside spam checks run in order; Akismet switches itself on when AKISMET_API_KEY is set.
COMMENTS_SPAM_CHECKS = ["kabar.comments.spam.AkismetSpamCheck"]
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
# (attempts, seconds) allowed per IP address and per email address.
COMMENTS_RATE_LIMIT_IP = (10, 600)
COMMENTS_RATE_LIMIT_EMAIL = (5, 600)
# Seconds a person needs at least to write a comment; faster posts are bots.
COMMENTS_MIN_FILL_SECONDS = 3
# How many proxies in front of the site append to X-Forwarded-For (0: use REMOTE_ADDR).
COMMENTS_TRUSTED_PROXIES = int(os.environ.get("COMMENTS_TRUSTED_PROXIES", "0"))
# Reader accounts (django-allauth) for commenting mode 3, under /akun/: sign up with email and
# password, verify the email, reset the password. The Wagtail admin keeps its own login.
INSTALLED_APPS += ["allauth", "allauth.account"]
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware"]
AUTHENTICATION_BACKENDS = [
    # First: refuses every password, right or wrong, while the account or address is locked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Its emails' links start with SITE_URL, as every other email's (kabar.core.addresses).
ACCOUNT_ADAPTER = "kabar.comments.accounts.AccountAdapter"
# Sign-in limits count per client address as the comment limits do: behind a proxy, the
# address it appends to X-Forwarded-For, not the proxy's own.
ALLAUTH_TRUSTED_PROXY_COUNT = COMMENTS_TRUSTED_PROXIES
LOGIN_REDIRECT_URL = "/"

# --- Complaints and the right of reply (kabar.complaints) ---
# Attachments are private: kept outside MEDIA_ROOT, downloaded through the admin only.
COMPLAINTS_ATTACHMENT_ROOT = Path(
    os.environ.get("COMPLAINTS_ATTACHMENT_ROOT", DATA_DIR / "private" / "complaints")
)
COMPLAINTS_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
# Seconds a person needs at least to fill the form; (submissions, seconds) per IP and contact.
COMPLAINTS_MIN_FILL_SECONDS = 5
COMPLAINTS_RATE_LIMIT = (5, 3600)

# --- Most read (kabar.news.view_counts, kabar.news.popular; docs/most-read.md) ---
# Each process hands its counted views to the shared cache at most this often (seconds).
VIEW_BUFFER_SECONDS = float(os.environ.get("VIEW_BUFFER_SECONDS", "10"))
# Views counted per client address and minute in each process; the rest are ignored.
VIEW_BEACON_PER_MINUTE = int(os.environ.get("VIEW_BEACON_PER_MINUTE", "60"))
# Pages showing the most-read lists are kept by shared caches at most this long (seconds).
MOST_READ_REFRESH_SECONDS = int(os.environ.get("MOST_READ_REFRESH_SECONDS", "600"))

# Management commands the scheduler of `manage.py serve` runs every SCHEDULER_INTERVAL seconds;
# in production run each from a timer. Each is cheap when there is nothing to do.
SCHEDULED_COMMANDS = [
    "publish_scheduled",
    "embargo_release",
    "breaking_news_expire",
    "views_flush",
    "complaints_overdue_notify",
    "antispam_prune",
    "newsletter_digest",
]

# --- Newsletters (kabar.newsletters, docs/newsletters.md) ---
# The daily digest goes once a day, at the first scheduler round from this hour (TIME_ZONE).
NEWSLETTERS_DIGEST_HOUR = int(os.environ.get("NEWSLETTERS_DIGEST_HOUR", "6"))
# Emails handed to the mail server per connection.
NEWSLETTERS_BATCH_SIZE = 100
# Sign-ups: (attempts, seconds) per client address, and confirmation emails per address.
NEWSLETTERS_RATE_LIMIT_IP = COMMENTS_RATE_LIMIT_IP
NEWSLETTERS_RATE_LIMIT_EMAIL = (3, 24 * 3600)

# --- Staff accounts (kabar.staff, docs/staff-accounts.md) ---
# Lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one
# address, logins from there are refused for LOGIN_LOCKOUT_MINUTES. Counted in the database, so
# every gunicorn process sees the same count. Covers the admin login and the readers' /akun/.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "kabar.staff.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "kabar.core.addresses.client_ip"
AXES_LOCKOUT_CALLABLE = "kabar.staff.views.login_locked_out"
# Successful logins are not logged; failures are (AccessAttempt) until they expire.
AXES_DISABLE_ACCESS_LOG = True
# A lock lasts its period from the last failure before it; knocking meanwhile does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Two factors (django-otp): TOTP apps plus single-use recovery codes. Required for editors,
# administrators and superusers unless STAFF_2FA_REQUIRED=0; writers may turn it on.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("STAFF_2FA_ISSUER", "Kabar Harapan")
