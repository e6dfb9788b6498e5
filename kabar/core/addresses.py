"""The site's public address: absolute URLs for feeds, sitemaps, meta tags and emails.

SITE_URL names the address readers and search engines should use; without it, the request's
host is the best guess.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import translation
from wagtail.models import Site


def site_origin(request) -> str:
    """The scheme and host absolute URLs start with: SITE_URL's when set, else the request's.

    Wagtail's Site records often keep an internal host name ("localhost"); without SITE_URL
    the request's host, the one ALLOWED_HOSTS let through, is the best guess. Behind a proxy
    or a CDN only SITE_URL names the address readers and search engines should use.
    """
    if configured := settings.SITE_URL:
        parts = urlsplit(configured)
        return f"{parts.scheme}://{parts.netloc}"
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request, url: str | None) -> str:
    """`url` made absolute on the site's public address (see `site_origin`)."""
    if not url:
        return ""
    if not settings.SITE_URL:
        return request.build_absolute_uri(url)
    # Resolved against the page asked for, as build_absolute_uri() resolves relative URLs.
    return urljoin(site_origin(request) + request.path, url)


def page_url(request, page) -> str:
    """The page's absolute address on the site's public address."""
    return absolute_url(request, page.get_url(request))


def url_rebase(request, url: str, *, site: Site | None = None) -> str:
    """An absolute URL built on the Wagtail Site's root or the request's host, moved to the
    site's public address; other URLs (a CDN's, another site's) stay as they are."""
    origins = [f"{request.scheme}://{request.get_host()}"]
    if site is not None:
        origins.insert(0, site.root_url)
    for origin in origins:
        rest = url.removeprefix(origin)
        if rest != url and (not rest or rest[0] in "/?#"):
            return absolute_url(request, rest if rest.startswith("/") else f"/{rest}")
    return url


def public_url(path: str) -> str:
    """`path` on the site's public address where no request is at hand: emails, tasks, exports.

    SITE_URL when set, else WAGTAILADMIN_BASE_URL (SITE_URL's stand-in on a developer's
    machine); never the Wagtail Site record, whose host is often an internal "localhost".
    """
    parts = urlsplit(settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL)
    return urljoin(f"{parts.scheme}://{parts.netloc}/", path or "/")


def page_public_url(page) -> str:
    """The page's Indonesian address on the site's public address, without a request."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = page.get_url_parts()
    return public_url(parts[2]) if parts else ""


def client_ip(request) -> str | None:
    """The visitor's address, trusting only as many X-Forwarded-For hops as proxies we run."""
    hops = settings.COMMENTS_TRUSTED_PROXIES
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None
