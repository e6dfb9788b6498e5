"""Streaming reader for WordPress eXtended RSS (WXR 1.0–1.2) exports.

`wxr_read` turns a file (path, bytes or binary stream) into a stream of records: the site,
then authors, categories, tags and items in file order. Each `<item>` element is cleared
once read, so memory stays flat however large the export is. A bad item becomes a
`WxrProblem` and reading goes on; XML that cannot be read any further raises `WxrError`
naming the last item read.
"""

import datetime
import html
import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

# Post types the importer knows what to do with; any other type is reported, not guessed at.
KNOWN_POST_TYPES = {"post", "page", "attachment", "nav_menu_item", "wp_block"}
ZERO_DATE = "0000-00-00 00:00:00"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


def _no_version_message() -> str:
    return _("This is not a WordPress export: the feed has no <wp:wxr_version>.")


class WxrError(Exception):
    """The file as a whole cannot be read as a WordPress export."""


@dataclass
class WxrSite:
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""

    @property
    def url(self) -> str:
        """The blog's address without a trailing slash: the key for everything imported."""
        return (self.base_blog_url or self.link or self.base_site_url).rstrip("/")


@dataclass
class WxrAuthor:
    login: str
    id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def key(self) -> str:
        return self.login


@dataclass
class WxrTerm:
    """A category or a tag (`taxonomy` "category" or "post_tag")."""

    taxonomy: str
    slug: str
    name: str
    id: int | None = None
    parent_slug: str = ""
    description: str = ""

    @property
    def key(self) -> str:
        return self.slug


@dataclass
class WxrComment:
    id: int
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date_gmt: datetime.datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = "comment"
    parent_id: int = 0
    user_id: int = 0
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class WxrItemTerm:
    taxonomy: str
    slug: str
    name: str


@dataclass
class WxrItem:
    id: int
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime.datetime | None = None  # the site's local time, naive, as WordPress shows it
    date_gmt: datetime.datetime | None = None
    modified_gmt: datetime.datetime | None = None
    slug: str = ""
    status: str = ""
    parent_id: int = 0
    menu_order: int = 0
    password: str = ""
    is_sticky: bool = False
    comment_status: str = ""
    attachment_url: str = ""
    terms: list[WxrItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    meta_multi: dict[str, list[str]] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)

    @property
    def key(self) -> str:
        return str(self.id)

    @property
    def label(self) -> str:
        """How messages name the item: its type, ID and title."""
        return f'{self.post_type} {self.id} "{self.title[:60]}"'

    def categories(self) -> list[WxrItemTerm]:
        return [t for t in self.terms if t.taxonomy == "category"]

    def tags(self) -> list[WxrItemTerm]:
        return [t for t in self.terms if t.taxonomy == "post_tag"]


@dataclass
class WxrProblem:
    """An item that could not be read; the rest of the file is read on."""

    label: str
    reason: str


WxrRecord = WxrSite | WxrAuthor | WxrTerm | WxrItem | WxrProblem


def _local(tag: str) -> str:
    """An element's name as "wp:post_id", whichever WXR version's namespace it is in."""
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if uri == CONTENT_NS:
        return f"content:{name}"
    if uri == DC_NS:
        return f"dc:{name}"
    if "wordpress.org/export/" in uri:
        return f"excerpt:{name}" if uri.rstrip("/").endswith("excerpt") else f"wp:{name}"
    return name


def _children(element: ET.Element) -> dict[str, str]:
    """The text of each simple child, first occurrence wins."""
    found = {}
    for child in element:
        found.setdefault(_local(child.tag), (child.text or "").strip())
    return found


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def wxr_date(value: str | None) -> datetime.datetime | None:
    """A WordPress "YYYY-MM-DD HH:MM:SS" as a naive datetime; the zero date is None."""
    value = (value or "").strip()
    if not value or value == ZERO_DATE:
        return None
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")


def _gmt(value: str | None) -> datetime.datetime | None:
    parsed = wxr_date(value)
    return parsed.replace(tzinfo=datetime.UTC) if parsed else None


def _author(element: ET.Element) -> WxrAuthor:
    data = _children(element)
    login = data.get("wp:author_login", "")
    if not login:
        raise ValueError(_("The author has no login name."))
    return WxrAuthor(
        login=login,
        id=_int(data.get("wp:author_id"), 0) or None,
        email=data.get("wp:author_email", ""),
        display_name=html.unescape(data.get("wp:author_display_name", "")) or login,
        first_name=data.get("wp:author_first_name", ""),
        last_name=data.get("wp:author_last_name", ""),
    )


def _term(element: ET.Element, name: str) -> WxrTerm:
    data = _children(element)
    if name == "wp:category":
        term = WxrTerm(
            taxonomy="category",
            slug=data.get("wp:category_nicename", ""),
            name=data.get("wp:cat_name", ""),
            parent_slug=data.get("wp:category_parent", ""),
            description=data.get("wp:category_description", ""),
        )
    elif name == "wp:tag":
        term = WxrTerm(
            taxonomy="post_tag",
            slug=data.get("wp:tag_slug", ""),
            name=data.get("wp:tag_name", ""),
            description=data.get("wp:tag_description", ""),
        )
    else:
        term = WxrTerm(
            taxonomy=data.get("wp:term_taxonomy", ""),
            slug=data.get("wp:term_slug", ""),
            name=data.get("wp:term_name", ""),
            parent_slug=data.get("wp:term_parent", ""),
            description=data.get("wp:term_description", ""),
        )
    term.id = _int(data.get("wp:term_id"), 0) or None
    # WordPress stores a term name's "&" HTML-escaped ("Eropa &amp; Amerika").
    term.name = html.unescape(term.name) or term.slug
    if not term.slug:
        raise ValueError(_("The term “%(name)s” has no slug.") % {"name": term.name})
    return term


def _comment(element: ET.Element) -> WxrComment:
    data = _children(element)
    meta = {}
    for child in element:
        if _local(child.tag) == "wp:commentmeta":
            pair = _children(child)
            meta.setdefault(pair.get("wp:meta_key", ""), pair.get("wp:meta_value", ""))
    return WxrComment(
        id=_int(data.get("wp:comment_id")),
        author=data.get("wp:comment_author", ""),
        author_email=data.get("wp:comment_author_email", ""),
        author_url=data.get("wp:comment_author_url", ""),
        author_ip=data.get("wp:comment_author_IP", ""),
        date_gmt=_gmt(data.get("wp:comment_date_gmt")),
        content=data.get("wp:comment_content", ""),
        approved=data.get("wp:comment_approved", "1") or "0",
        type=data.get("wp:comment_type", "") or "comment",
        parent_id=_int(data.get("wp:comment_parent")),
        user_id=_int(data.get("wp:comment_user_id")),
        meta=meta,
    )


def _item(element: ET.Element) -> WxrItem:
    data = _children(element)
    raw_id = data.get("wp:post_id", "")
    if not raw_id.isdigit():
        title = data.get("title", "")
        raise ValueError(
            _("The item “%(title)s” has no valid post ID (%(id)r).")
            % {"title": title[:60], "id": raw_id}
        )
    item = WxrItem(id=int(raw_id), post_type=data.get("wp:post_type", ""))
    item.title = data.get("title", "")
    item.link = data.get("link", "")
    item.guid = data.get("guid", "")
    item.creator = data.get("dc:creator", "")
    item.slug = data.get("wp:post_name", "")
    item.status = data.get("wp:status", "")
    item.parent_id = _int(data.get("wp:post_parent"))
    item.menu_order = _int(data.get("wp:menu_order"))
    item.password = data.get("wp:post_password", "")
    item.is_sticky = data.get("wp:is_sticky", "0") == "1"
    item.comment_status = data.get("wp:comment_status", "")
    item.attachment_url = data.get("wp:attachment_url", "")
    # Content keeps its whitespace: the classic editor's blank lines are its paragraphs.
    for child in element:
        name = _local(child.tag)
        if name == "content:encoded":
            item.content = child.text or ""
        elif name == "excerpt:encoded":
            item.excerpt = (child.text or "").strip()
        elif name == "category":
            item.terms.append(
                WxrItemTerm(
                    taxonomy=child.get("domain", "category"),
                    slug=child.get("nicename", ""),
                    name=html.unescape((child.text or "").strip()),
                )
            )
        elif name == "wp:postmeta":
            meta = _children(child)
            key = meta.get("wp:meta_key", "")
            if key:
                value = next((c.text or "" for c in child if _local(c.tag) == "wp:meta_value"), "")
                item.meta.setdefault(key, value)
                item.meta_multi.setdefault(key, []).append(value)
        elif name == "wp:comment":
            item.comments.append(_comment(child))
    try:
        item.date = wxr_date(data.get("wp:post_date"))
        item.date_gmt = _gmt(data.get("wp:post_date_gmt"))
        item.modified_gmt = _gmt(data.get("wp:post_modified_gmt"))
    except ValueError as exc:
        raise ValueError(
            _("%(item)s: unreadable date (%(error)s).") % {"item": item.label, "error": exc}
        ) from exc
    if item.post_type not in KNOWN_POST_TYPES:
        raise ValueError(
            _("%(item)s: unknown post type “%(type)s”.")
            % {"item": item.label, "type": item.post_type}
        )
    return item


def _open(source: str | os.PathLike | bytes | BinaryIO) -> BinaryIO:
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    if isinstance(source, str | os.PathLike):
        return Path(source).open("rb")
    return source


def wxr_read(source: str | os.PathLike | bytes | BinaryIO) -> Iterator[WxrRecord]:
    """Records of a WXR export in file order; bad items come out as `WxrProblem`s."""
    stream = _open(source)
    site = WxrSite()
    site_sent = False
    depth = 0
    in_channel = False
    channel = None
    last_read = _("the start of the file")
    top_level = {"wp:author", "wp:category", "wp:tag", "wp:term", "item"}
    channel_fields = {
        "title": "title",
        "link": "link",
        "description": "description",
        "language": "language",
        "wp:wxr_version": "wxr_version",
        "wp:base_site_url": "base_site_url",
        "wp:base_blog_url": "base_blog_url",
    }
    try:
        # Entity declarations (billion laughs) and external references are refused.
        events = SafeET.iterparse(
            stream, events=("start", "end"), forbid_entities=True, forbid_external=True
        )
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WxrError(
                        _(
                            "This is not a WordPress export: the document is <%(tag)s>, not an "
                            "RSS feed."
                        )
                        % {"tag": element.tag}
                    )
                if depth == 2 and element.tag == "channel":
                    in_channel, channel = True, element
                continue
            depth -= 1
            if not in_channel or depth != 2:
                continue
            name = _local(element.tag)
            if name in channel_fields:
                setattr(site, channel_fields[name], (element.text or "").strip())
                continue
            if name not in top_level:
                channel.remove(element)
                continue
            if not site_sent:
                if not site.wxr_version:
                    raise WxrError(_no_version_message())
                site_sent = True
                yield site
            try:
                if name == "wp:author":
                    record = _author(element)
                    last_read = f"author {record.login}"
                elif name == "item":
                    record = _item(element)
                    last_read = record.label
                else:
                    record = _term(element, name)
                    last_read = f"term {record.slug}"
            except ValueError as exc:
                record = WxrProblem(
                    label=_("%(element)s after %(item)s") % {"element": name, "item": last_read},
                    reason=str(exc),
                )
            # Drop the element from the tree so memory stays flat.
            channel.remove(element)
            yield record
    except DefusedXmlException as exc:
        raise WxrError(
            _("This file declares XML entities or external references, which are refused.")
        ) from exc
    except ET.ParseError as exc:
        line, column = exc.position
        if not in_channel:
            raise WxrError(_("This is not an XML file (%(error)s).") % {"error": exc}) from exc
        raise WxrError(
            _(
                "The XML is broken or cut off at line %(line)d, column %(column)d, after "
                "%(item)s: nothing after that point could be read."
            )
            % {"line": line, "column": column, "item": last_read}
        ) from exc
    finally:
        if stream is not source:
            stream.close()
    if not in_channel:
        raise WxrError(_("This is not a WordPress export: the feed has no <channel>."))
    if not site_sent:
        if not site.wxr_version:
            raise WxrError(_no_version_message())
        yield site
