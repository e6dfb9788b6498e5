"""Steps every format shares: safe XML, dates, kill notices and the finished entry."""

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .entries import WireBatch, WireEntry, WireImage, WireParseError
from .html import body_clean, body_dateline_split, body_images, html_text

# Agencies mark a withdrawn story in its headline when the format has no status field.
KILL_HEADLINE = re.compile(
    r"^\s*(?:KILL|KILLED|WITHDRAWN|WITHDRAWAL|ELIMINATE|DICABUT|PENCABUTAN|DIBATALKAN)\b\s*[:\-–—]",
    re.I,
)


def xml_root(data: bytes):
    """The document's root element; entities and external references are refused."""
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise WireParseError(f"refused XML: {exc.__class__.__name__}") from exc
    except ElementTree.ParseError as exc:
        raise WireParseError(f"broken XML: {exc}") from exc


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def date_parse(value: str | None) -> datetime | None:
    """An RFC 822 or ISO 8601 time with its zone; a time without one is taken as UTC."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def entry_build(
    *,
    guid: str,
    headline: str,
    body: str,
    summary: str = "",
    images: list[WireImage] | None = None,
    killed: bool = False,
    dateline_place: str = "",
    dateline_agency: str = "",
    agencies: tuple[str, ...] = (),
    **fields,
) -> WireEntry:
    """A finished entry: body sanitised, inline images listed, dateline split off the body."""
    headline = " ".join(html_text(headline).split())
    if KILL_HEADLINE.match(headline):
        killed = True
    found = list(images or []) + [i for i in body_images(body) if i not in (images or [])]
    cleaned, dateline = body_dateline_split(body_clean(body), agencies=agencies)
    return WireEntry(
        guid=guid.strip(),
        headline=headline,
        body_html=cleaned,
        summary=html_text(summary),
        images=found,
        killed=killed,
        dateline_place=dateline_place or dateline.place,
        dateline_agency=dateline_agency or dateline.agency,
        **fields,
    )


def batch_collect(nodes, build) -> WireBatch:
    """Each node built into an entry; one bad item is refused with its reason, not the feed."""
    batch = WireBatch()
    for node in nodes:
        try:
            entry = build(node)
        except (WireParseError, ValueError, TypeError, KeyError, AttributeError) as exc:
            batch.refused.append(str(exc) or exc.__class__.__name__)
            continue
        if not entry.guid or not entry.headline:
            batch.refused.append(f"an item without a GUID or headline: {entry.guid!r}")
            continue
        batch.entries.append(entry)
    return batch
