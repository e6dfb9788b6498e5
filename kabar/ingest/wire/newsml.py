"""IPTC NewsML-G2: text newsItems (inline XHTML body) and the picture items associated with them.

A `newsMessage` carries several items; a picture item names the text item it belongs to with
`<link rel="irel:associatedWith" residref="..."/>` in its itemMeta. A `pubStatus` of
`stat:canceled` or `stat:withheld` is a kill notice for the GUID.
"""

from xml.etree.ElementTree import tostring

from .common import batch_collect, date_parse, entry_build, local_name, xml_root
from .entries import WireBatch, WireEntry, WireImage, WireParseError

NS = "{http://iptc.org/std/nar/2006-10-01/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
KILL_STATUSES = {"stat:canceled", "stat:withheld"}


def _text(node, path: str) -> str:
    if node is None:
        return ""
    found = node.find(path)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _inline_body(item) -> str:
    inline = item.find(f"{NS}contentSet/{NS}inlineXML")
    if inline is None:
        return ""
    body = inline.find(f".//{XHTML}body")
    container = body if body is not None else inline
    parts = [container.text or ""]
    for child in container:
        markup = tostring(child, encoding="unicode", default_namespace=XHTML[1:-1])
        parts.append(markup)
    # Serialised children keep an xmlns attribute; the sanitiser drops it with the rest.
    return "".join(parts)


def _item_class(item) -> str:
    node = item.find(f"{NS}itemMeta/{NS}itemClass")
    return node.get("qcode", "") if node is not None else ""


def _picture(item) -> tuple[str, WireImage] | None:
    meta = item.find(f"{NS}itemMeta")
    link = meta.find(f"{NS}link[@rel='irel:associatedWith']") if meta is not None else None
    remote = item.find(f"{NS}contentSet/{NS}remoteContent")
    if link is None or remote is None or not remote.get("href"):
        return None
    content = item.find(f"{NS}contentMeta")
    return link.get("residref", ""), WireImage(
        url=remote.get("href").strip(),
        caption=_text(content, f"{NS}description") or _text(content, f"{NS}headline"),
        credit=_text(content, f"{NS}creditline"),
        alt=_text(content, f"{NS}headline"),
    )


def _text_entry(item, pictures: dict[str, list[WireImage]], agencies) -> WireEntry:
    guid = item.get("guid", "")
    if not guid:
        raise WireParseError("a newsItem without a guid")
    meta = item.find(f"{NS}itemMeta")
    content = item.find(f"{NS}contentMeta")
    status = meta.find(f"{NS}pubStatus") if meta is not None else None
    link = meta.find(f"{NS}link[@rel='irel:seeAlso']") if meta is not None else None
    dateline = _text(content, f"{NS}dateline")
    place = _text(content, f"{NS}located/{NS}name")
    keywords = [_text(s, f"{NS}name") for s in content.findall(f"{NS}subject")] if content else []
    keywords += [(k.text or "").strip() for k in content.findall(f"{NS}keyword")] if content else []
    summary = ""
    for description in content.findall(f"{NS}description") if content is not None else []:
        if description.get("role", "drol:summary") == "drol:summary":
            summary = " ".join("".join(description.itertext()).split())
    body = _inline_body(item)
    if dateline and not place:
        # A separate <dateline> element reads like the copy's own: "BEIJING (ANTARA)".
        body = f"<p>{dateline} - </p>{body}" if not body.startswith("<p>") else body
    entry = entry_build(
        guid=guid,
        headline=_text(content, f"{NS}headline"),
        body=body,
        summary=summary,
        images=pictures.get(guid, []),
        killed=status is not None and status.get("qcode") in KILL_STATUSES,
        byline=_text(content, f"{NS}by"),
        keywords=[k for k in keywords if k],
        url=link.get("href", "") if link is not None else "",
        published_at=date_parse(_text(meta, f"{NS}firstCreated"))
        or date_parse(_text(content, f"{NS}contentCreated")),
        updated_at=date_parse(_text(meta, f"{NS}versionCreated")),
        credit=_text(content, f"{NS}creditline"),
        language=(
            content.find(f"{NS}language").get("tag", "")
            if content is not None and content.find(f"{NS}language") is not None
            else item.get("{http://www.w3.org/XML/1998/namespace}lang", "")
        ),
        version=item.get("version", ""),
        dateline_place=place,
        agencies=agencies,
    )
    if place and dateline and not entry.dateline_agency:
        # <located> gave the place; the agency is still in the <dateline> text.
        from .dateline import dateline_parse

        parsed = dateline_parse(f"{dateline} - x", agencies=agencies)
        entry.dateline_agency = parsed.agency
    return entry


def newsml_parse(data: bytes, *, agencies: tuple[str, ...] = ()) -> WireBatch:
    """The text items of a NewsML-G2 newsMessage or single newsItem, with their pictures."""
    root = xml_root(data)
    name = local_name(root.tag)
    if name == "newsItem":
        items = [root]
    elif name == "newsMessage":
        items = root.findall(f"{NS}itemSet/{NS}newsItem")
    else:
        raise WireParseError(f"not a NewsML-G2 document: <{name}>")
    pictures: dict[str, list[WireImage]] = {}
    texts = []
    for item in items:
        if _item_class(item) == "ninat:picture":
            if found := _picture(item):
                pictures.setdefault(found[0], []).append(found[1])
        else:
            texts.append(item)
    return batch_collect(texts, lambda item: _text_entry(item, pictures, agencies))
