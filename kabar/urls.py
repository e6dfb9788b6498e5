from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve as serve_media
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kabar.core.csp_reports import csp_report
from kabar.news import views as news_views
from kabar.ops import views as ops_views

urlpatterns = [
    # For load balancers and monitoring: the process answers / it can serve (docs/deploy.md).
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    # For Prometheus, from allowed addresses or with the token only (kabar.ops.metrics).
    path("_/metrics", ops_views.metrics, name="metrics"),
    path(settings.CSP_REPORT_PATH.lstrip("/"), csp_report, name="csp-report"),
    # Article pages count their views here (kabar.news.view_counts), whatever the language.
    path("_/baca/<id:article_id>/", news_views.view_beacon, name="view-beacon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Feeds, sitemaps and robots.txt have one address whatever the language.
    path("", include("kabar.seo.urls")),
]

if settings.SERVE_MEDIA:
    # The embedded default serves uploads itself; with object storage the bucket (or the CDN
    # in front of it) serves them instead.
    # An hour, not for good: a deleted photo's file name can be given to a new upload.
    media_view = cache_control(public=True, max_age=3600)(serve_media)
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media_view, {"document_root": settings.MEDIA_ROOT})
    ]

# Indonesian pages live at the root, English under /en/.
urlpatterns += i18n_patterns(
    # Apps add their public URLs here, above Wagtail's catch-all page serving.
    path("komentar/", include("kabar.comments.urls")),
    path("pengaduan/", include("kabar.complaints.urls")),
    path("akun/", include("allauth.urls")),
    path("cari/", include("kabar.search.urls")),
    path("koreksi/", include("kabar.corrections.urls")),
    path("buletin/", include("kabar.newsletters.urls")),
    path("", include("kabar.news.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database outage answers 503 with Retry-After instead of 500 (cached pages keep being served).
handler500 = "kabar.ops.views.server_error"
