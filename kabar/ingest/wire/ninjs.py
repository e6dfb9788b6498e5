"""IPTC NINJS (1.x and 2.0 field names): a JSON item, a list of items, or `{"items": [...]}`.

A `pubstatus` of "canceled" or "withheld" is a kill notice for the item's URI.
"""

import json

from .common import batch_collect, date_parse, entry_build
from .entries import WireBatch, WireEntry, WireImage, WireParseError

KILL_STATUSES = {"canceled", "cancelled", "withheld", "withdrawn"}


def _first(values, key: str = "value") -> str:
    """The first value of a NINJS 2.0 list (headlines, bodies, descriptions)."""
    for value in values or []:
        if isinstance(value, dict) and value.get(key):
            return str(value[key])
    return ""


def _names(values) -> list[str]:
    names = []
    for value in values or []:
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def _images(item: dict) -> list[WireImage]:
    images = []
    for association in (item.get("associations") or {}).values():
        if not isinstance(association, dict) or association.get("type") not in ("picture", None):
            continue
        renditions = association.get("renditions") or {}
        rendition = renditions.get("original") or renditions.get("baseImage") or {}
        if not rendition and renditions:
            rendition = next(iter(renditions.values()))
        url = rendition.get("href") or association.get("uri", "")
        if not str(url).startswith(("http://", "https://")):
            continue
        images.append(
            WireImage(
                url=url,
                caption=association.get("description_text")
                or _first(association.get("descriptions")),
                credit=association.get("copyrightholder") or association.get("byline", ""),
                alt=association.get("headline") or _first(association.get("headlines")),
            )
        )
    return images


def _entry(item: dict, agencies) -> WireEntry:
    if not isinstance(item, dict):
        raise WireParseError("a NINJS item that is not an object")
    if item.get("type", "text") not in ("text", "composite"):
        raise WireParseError(f"not a text item: {item.get('uri', '?')}")
    located = item.get("located") or ""
    if isinstance(located, dict):
        located = located.get("name", "")
    body = item.get("body_html") or _first(item.get("bodies")) or item.get("body_text", "")
    return entry_build(
        guid=str(item.get("uri") or item.get("guid") or ""),
        headline=item.get("headline") or _first(item.get("headlines")),
        body=body,
        summary=item.get("description_text")
        or item.get("description_html")
        or _first(item.get("descriptions")),
        images=_images(item),
        killed=str(item.get("pubstatus", "usable")).lower() in KILL_STATUSES,
        byline=item.get("byline") or ", ".join(_names(item.get("by"))),
        keywords=_names(item.get("subject")) + _names(item.get("keywords")),
        url=item.get("web_url", "") or item.get("link", "") or "",
        published_at=date_parse(item.get("firstcreated") or item.get("firstpublished")),
        updated_at=date_parse(item.get("versioncreated")),
        credit=item.get("copyrightholder", "") or "",
        language=item.get("language", "") or "",
        version=str(item.get("version", "") or ""),
        dateline_place=located if isinstance(located, str) else "",
        agencies=agencies,
    )


def ninjs_parse(data: bytes, *, agencies: tuple[str, ...] = ()) -> WireBatch:
    """The text items of a NINJS document."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireParseError(f"broken JSON: {exc}") from exc
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        items = document["items"]
    elif isinstance(document, list):
        items = document
    elif isinstance(document, dict):
        items = [document]
    else:
        raise WireParseError("not a NINJS document")
    return batch_collect(items, lambda item: _entry(item, agencies))
