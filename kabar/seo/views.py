"""Feeds with conditional GET, sitemaps and robots.txt, all kept by the page cache; the icon."""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from wagtail.contrib.sitemaps import views as sitemap_views

from kabar.pagecache.fragments import fragment_get_or_build
from kabar.pagecache.headers import public_page

from . import selectors
from .feeds import ArticlesAtomFeed, ArticlesFeed
from .sitemaps import SITEMAPS, GoogleNewsSitemap

FAVICON = Path(__file__).parent / "static" / "seo" / "favicon.ico"


def feed_scope(request, kind="site", key=""):
    """The request's feed scope and its (ETag, Last-Modified), looked up once for the
    conditional GET and the body. The state is kept until the next purge, as the document it
    describes is (ArticlesFeed), so a reader's ETag is that of the document it was sent."""
    if not hasattr(request, "_kabar_feed_scope"):
        scope = selectors.feed_scope_get(request=request, kind=kind, key=key)
        state = fragment_get_or_build(
            request,
            "feed-state",
            scope.parts,
            lambda: selectors.feed_state_get(scope),
            size=lambda _state: 100,
        )
        request._kabar_feed_scope = (scope, state)
    return request._kabar_feed_scope


def feed_view(feed_class):
    """A view serving `feed_class`, answering 304 when the reader's copy is current."""
    feed = feed_class()

    @public_page
    @condition(
        etag_func=lambda request, **kwargs: feed_scope(request, **kwargs)[1][0],
        last_modified_func=lambda request, **kwargs: feed_scope(request, **kwargs)[1][1],
    )
    def view(request, kind="site", key=""):
        return feed(request, scope=feed_scope(request, kind, key)[0])

    return view


rss = feed_view(ArticlesFeed)
atom = feed_view(ArticlesAtomFeed)


def sitemaps_with_urls(request) -> dict:
    """The sitemaps that list at least one URL: an empty <urlset> is not a valid sitemap."""
    prepared = sitemap_views.prepare_sitemaps(request, SITEMAPS)
    return {name: sitemap for name, sitemap in prepared.items() if sitemap.paginator.count}


@public_page
def sitemap_index(request):
    return sitemap_views.index(
        request,
        sitemaps_with_urls(request),
        template_name="seo/sitemap_index.xml",
        sitemap_url_name="seo:sitemap",
    )


@public_page
def sitemap(request, section):
    sitemaps = sitemaps_with_urls(request)
    if section not in sitemaps:
        raise Http404(_("There is no such sitemap."))
    return sitemap_views.sitemap(
        request, sitemaps, section=section, template_name="seo/sitemap.xml"
    )


@public_page
def news_sitemap(request):
    return sitemap_views.sitemap(
        request, {"news": GoogleNewsSitemap}, section="news", template_name="seo/sitemap_news.xml"
    )


def search_paths() -> list[str]:
    """The search page's address in every language, if the search app is installed."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                paths.append(reverse("search:search"))
            except NoReverseMatch:
                return []
    return list(dict.fromkeys(paths))


@public_page
def robots_txt(request):
    sitemap_urls = [
        request.build_absolute_uri(reverse(name))
        for name in ("seo:sitemap_index", "seo:news_sitemap")
    ]
    disallow = [reverse("wagtailadmin_home"), *search_paths()]
    return render(
        request,
        "seo/robots.txt",
        {"sitemaps": sitemap_urls, "disallow": disallow},
        content_type="text/plain; charset=utf-8",
    )


# Browsers and feed readers ask for /favicon.ico whatever the page says; a week in caches.
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
