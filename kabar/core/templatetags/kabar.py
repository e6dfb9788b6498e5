"""Template helpers for the public site: Indonesian dates, responsive images, language links."""

import functools
import re

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.urls import translate_url as django_translate_url
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from kabar.core.breaking import breaking_news_for_request
from kabar.core.embeds import embed_html
from kabar.core.site_data import links_read
from kabar.pagecache.fragments import fragment_get_or_build

register = template.Library()

# "Selasa, 29 Oktober 2024 14:05 WIB"; day and month names follow the active language.
LONG_DATETIME = "l, j F Y H:i T"
LONG_DATE = "l, j F Y"
WEBP = "format-webp"
AVIF = "format-avif"
# AVIF is offered for pictures shown at least this wide (cards, lead and article images):
# there it saves 13-30% on WebP; on author thumbnails and the logo a few dozen bytes, for an
# encoding 5-10 times slower. docs/performance.md has the measurement (tools/avif_measure.py).
AVIF_MIN_WIDTH = 600
SPEC_WIDTH = re.compile(r"^(?:fill|width|max|min)-(\d+)")


def avif_pays(image, largest_spec: str) -> bool:
    """Whether a <picture> of `image` up to `largest_spec` should offer AVIF."""
    match = SPEC_WIDTH.match(largest_spec)
    return bool(match) and min(int(match.group(1)), image.width or 0) >= AVIF_MIN_WIDTH


@register.filter
def long_datetime(value):
    """The moment in the site's time zone, written out in full with its zone."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value), LONG_DATETIME)


@register.filter
def long_date(value):
    """The day written out in full: "Selasa, 29 Oktober 2024"."""
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return dateformat.format(value, LONG_DATE)


@register.filter
def iso_datetime(value):
    """The moment as ISO 8601 with its offset, for <time datetime> and machine readers."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


@register.simple_tag
def html_lang():
    """The active language as the primary subtag <html lang> expects: "id" or "en"."""
    return (translation.get_language() or "id").split("-")[0]


@register.simple_tag(takes_context=True)
def translated_url(context, lang_code):
    """The current page's address in another language (/en/... for English)."""
    request = context.get("request")
    if request is None:
        return "/"
    indonesian_only = not getattr(context.get("page"), "has_english_version", True)
    if indonesian_only and lang_code != settings.LANGUAGE_CODE:
        # A page in Indonesian only is not offered in English: the English front page is.
        with translation.override(lang_code):
            return reverse("wagtail_serve", args=[""])
    return path_translated(request.get_full_path(), lang_code, get_script_prefix(), get_urlconf())


# Resolving an address and reversing it in another language cost ~0.3 ms on every page; the
# answer depends only on these arguments (the URL configuration is fixed while a process runs).
@functools.lru_cache(maxsize=2048)
def path_translated(full_path: str, lang_code: str, _script_prefix: str, _urlconf) -> str:
    url = django_translate_url(full_path, lang_code)
    # An address Django cannot resolve comes back as it was: for "//evil.com/" that would be a
    # link to another site. Such a path has no translation; its language's front page does.
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        with translation.override(lang_code):
            return reverse("wagtail_serve", args=[""])
    return url


# Tests change the URL configuration and languages; a running site never does.
setting_changed.connect(
    lambda **_kwargs: path_translated.cache_clear(), weak=False, dispatch_uid="kabar-paths"
)


@register.simple_tag
def embed_clean(url):
    """The article embed of `url` without the provider's scripts and styles (core.embeds)."""
    return embed_html(url=url)


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The site's navigation menu as (text, url) pairs, read in one query."""
    return _site_links(context, "menu_items")


@register.inclusion_tag("includes/breaking_news.html", takes_context=True)
def breaking_news(context):
    """The breaking-news banner, while it is switched on and has not expired."""
    request = context.get("request")
    return {"banner": breaking_news_for_request(request) if request is not None else None}


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's links (guidelines, masthead, contact...) as (text, url) pairs."""
    return _site_links(context, "footer_links")


def _site_links(context, related_name: str):
    request = context.get("request")
    if held := getattr(request, "site_data", None):
        return getattr(held, related_name)
    site_settings = context.get("settings")
    try:
        settings_obj = site_settings["core"]["SiteSettings"]
    except (KeyError, TypeError):
        return []
    return links_read(settings_obj, related_name, request)


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with `page` set to `number`, other parameters kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def elided_pages(page):
    """Page numbers to link around the current one, with Paginator's ellipsis between runs."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.simple_tag
def responsive_image(image, specs, sizes="", alt="", loading="lazy", css_class="", priority=False):
    """A <picture> offering AVIF (where it pays), WebP and the original format in every size
    of `specs`.

    `specs` is a space-separated list such as "fill-320x180 fill-640x360", smallest first;
    selectors prefetch exactly these renditions so a listing costs no query per image.
    An empty `sizes` means a fixed-size image shown as wide as the smallest rendition.
    `priority` marks the page's largest above-the-fold image (the LCP candidate): fetched
    first and never lazily, since lazy loading it would delay the page's main paint.
    """
    if not image:
        return ""
    spec_list = specs.split()
    formats = [WEBP, AVIF] if avif_pays(image, spec_list[-1]) else [WEBP]
    renditions = image.get_renditions(
        *spec_list, *(f"{s}|{fmt}" for fmt in formats for s in spec_list)
    )
    original = [renditions[s] for s in spec_list]
    webp = [renditions[f"{s}|{WEBP}"] for s in spec_list]
    avif = [renditions[f"{s}|{AVIF}"] for s in spec_list] if AVIF in formats else []
    largest = original[-1]
    sizes = sizes or f"{original[0].width}px"

    def srcset(items):
        # A small original yields equal-width renditions; a srcset may name each width once.
        by_width = {}
        for rendition in items:
            by_width.setdefault(rendition.width, rendition)
        return ", ".join(f"{r.url} {w}w" for w, r in by_width.items())

    attrs = {
        "src": largest.url,
        "srcset": srcset(original),
        "sizes": sizes,
        "width": largest.width,
        "height": largest.height,
        "alt": alt,
    }
    if priority:
        attrs.update(loading="eager", fetchpriority="high")
    else:
        attrs.update(loading=loading, decoding="async")
    if css_class:
        attrs["class"] = css_class
    img_attrs = format_html_join(" ", '{}="{}"', attrs.items())
    # The browser takes the first <source> it can decode: AVIF, then WebP, else the <img>.
    sources = [("image/avif", avif), ("image/webp", webp)] if avif else [("image/webp", webp)]
    return format_html(
        "<picture>{}<img {}></picture>",
        format_html_join(
            "",
            '<source type="{}" srcset="{}" sizes="{}">',
            ((mime, srcset(items), sizes) for mime, items in sources),
        ),
        img_attrs,
    )


FIRST_PARAGRAPH = re.compile(r"^\s*<p\b[^>]*>")
OUTGOING_LINK = re.compile(r"<a\b([^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*)>", re.IGNORECASE)
REL_ATTRIBUTE = re.compile(r"\srel=\"([^\"]*)\"", re.IGNORECASE)


def links_sponsored(html: str) -> str:
    """`html` with every outgoing link marked rel="sponsored" (Google's rule for paid links)."""

    def mark(match: re.Match) -> str:
        attributes = match.group(1)
        rel = REL_ATTRIBUTE.search(attributes)
        if rel is None:
            return f'<a{attributes} rel="sponsored noopener">'
        values = rel.group(1).split()
        if "sponsored" not in values:
            values.append("sponsored")
        new_rel = ' rel="{}"'.format(" ".join(values))
        return f"<a{REL_ATTRIBUTE.sub(lambda _m: new_rel, attributes, count=1)}>"

    return OUTGOING_LINK.sub(mark, html)


@register.simple_tag(takes_context=True)
def article_body(context, page):
    """The article's StreamField body, its dateline leading the first paragraph."""
    dateline = page.dateline
    parts = []
    for block in page.body:
        html = block.render_as_block(context=context.flatten())
        if dateline and block.block_type == "paragraph":
            lead = format_html('<span class="dateline">{} –</span> ', dateline)
            match = FIRST_PARAGRAPH.match(html)
            if match:
                html = html[: match.end()] + lead + html[match.end() :]
            else:
                html = format_html("<p>{}</p>", lead) + html
            dateline = ""
        parts.append(html)
    if dateline:
        # A body without any paragraph still carries its dateline.
        parts.insert(0, format_html('<p><span class="dateline">{} –</span></p>', dateline))
    html = "".join(str(p) for p in parts)
    if getattr(page, "sponsored", False):
        html = links_sponsored(html)
    return mark_safe(html)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, options):
        self.nodelist, self.name, self.parts, self.options = nodelist, name, parts, options

    def render(self, context):
        options = {key: value.resolve(context) for key, value in self.options.items()}
        parts = tuple(part.resolve(context) for part in self.parts)
        return fragment_get_or_build(
            context.get("request"),
            self.name,
            tuple(getattr(part, "pk", part) for part in parts),
            lambda: mark_safe(self.nodelist.render(context)),
            per_address=not options.get("shared", False),
            seconds=options.get("seconds"),
        )


@register.tag
def fragment(parser, token):
    """{% fragment "name" part … [shared=True] [seconds=60] %}…{% endfragment %}: the enclosed
    HTML kept in this process until the next purge (kabar.pagecache.fragments), per host,
    language and (unless `shared`) address. Nothing in it may depend on the reader (a CSRF
    token, a form's signed start time) or on the request beyond its address."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name.")
    name = bits[1].strip("\"'")
    parts, options = [], {}
    for bit in bits[2:]:
        if "=" in bit:
            key, value = bit.split("=", 1)
            options[key] = parser.compile_filter(value)
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, parts, options)
