"""Head tags for search engines and social networks, and helpers for the XML templates."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from kabar.core.addresses import url_rebase
from kabar.pagecache.fragments import fragment_get_or_build
from kabar.seo.metadata import canonical_url, page_meta
from kabar.seo.sharing import share_links

register = template.Library()

# As Django's json_script: no "</script>", "<!--" or "&" can end or confuse the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Canonical, description, robots, OpenGraph, Twitter, feed links and JSON-LD; for a
    site page, kept with the page's other fragments until the next purge."""

    def render():
        return mark_safe(head_template().render({"meta": page_meta(context)}))

    page = context.get("page")
    if not isinstance(page, Page) or "exception" in context:
        return render()
    return fragment_get_or_build(context.get("request"), "seo-head", (page.pk,), render)


def head_template():
    return get_template("seo/head.html")


@register.inclusion_tag("seo/share.html", takes_context=True)
def share_buttons(context, page):
    """Share links for the story, plus copy-link and the phone's own share sheet with JS."""
    url = canonical_url(context["request"], page)
    return {"url": url, "title": page.title, "links": share_links(url, page.title)}


@register.simple_tag(takes_context=True)
def public_url(context, url: str) -> str:
    """An absolute URL Django built on the request's host, moved to the site's SITE_URL."""
    request = context.get("request")
    return url_rebase(request, url) if request is not None and url else url


@register.filter
def jsonld(data) -> str:
    """`data` as a <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


@register.filter
def w3c_datetime(value) -> str:
    """A moment in W3C Datetime form with its offset, as sitemaps expect."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()
