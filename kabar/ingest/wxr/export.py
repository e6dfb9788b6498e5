"""Writing WordPress eXtended RSS 1.2, element by element, as WordPress's own exporter does."""

import datetime
import re
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
ZERO_DATE = "0000-00-00 00:00:00"
# Characters XML 1.0 does not allow at all, even escaped.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def cdata(text: str) -> str:
    """Text as CDATA; a "]]>" inside is split over two sections (WordPress's `wxr_cdata`)."""
    clean = INVALID_XML.sub("", str(text or ""))
    return "<![CDATA[" + clean.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def element(name: str, text="", *, raw: bool = False, attrs: dict | None = None) -> str:
    """One element: escaped text, or CDATA when `raw`."""
    attributes = "".join(f" {key}={quoteattr(str(value))}" for key, value in (attrs or {}).items())
    value = str(text if text is not None else "")
    body = cdata(value) if raw else escape(INVALID_XML.sub("", value))
    return f"<{name}{attributes}>{body}</{name}>"


def wxr_local_date(moment: datetime.datetime | None) -> str:
    """The site's local time, as wp:post_date shows it."""
    if moment is None:
        return ZERO_DATE
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def wxr_gmt_date(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ZERO_DATE
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def rss_date(moment: datetime.datetime | None) -> str:
    """An RFC 822 date for <pubDate>."""
    if moment is None:
        return ""
    return moment.astimezone(datetime.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")


def wxr_header_write(
    out: TextIO, *, title: str, link: str, description: str, language: str, base_url: str
) -> None:
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    out.write(f'<rss version="2.0" {namespaces}>\n<channel>\n')
    out.write(element("title", title) + "\n")
    out.write(element("link", link) + "\n")
    out.write(element("description", description) + "\n")
    out.write(element("pubDate", rss_date(timezone.now())) + "\n")
    out.write(element("language", language) + "\n")
    out.write(element("wp:wxr_version", WXR_VERSION) + "\n")
    out.write(element("wp:base_site_url", base_url) + "\n")
    out.write(element("wp:base_blog_url", base_url) + "\n")


def wxr_footer_write(out: TextIO) -> None:
    out.write("</channel>\n</rss>\n")


def wxr_block(name: str, children: list[str], attrs: dict | None = None) -> str:
    """An element holding other elements, one per line."""
    attributes = "".join(f" {key}={quoteattr(str(value))}" for key, value in (attrs or {}).items())
    inner = "\n".join(f"\t{child}" for child in children)
    return f"<{name}{attributes}>\n{inner}\n</{name}>"


def postmeta(key: str, value) -> str:
    return wxr_block(
        "wp:postmeta",
        [element("wp:meta_key", key, raw=True), element("wp:meta_value", value, raw=True)],
    )
