"""RSS 2.0 (ANTARA's shape: CDATA descriptions, enclosures, media:content) and Atom."""

from .common import batch_collect, date_parse, entry_build, local_name, xml_root
from .entries import WireBatch, WireEntry, WireImage, WireParseError

MEDIA_NS = "{http://search.yahoo.com/mrss/}"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}"
DC_NS = "{http://purl.org/dc/elements/1.1/}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


def _text(node, path: str, namespaces=None) -> str:
    found = node.find(path, namespaces)
    return (found.text or "").strip() if found is not None and found.text else ""


def _rss_images(item) -> list[WireImage]:
    images = []
    for enclosure in item.findall("enclosure"):
        if (enclosure.get("type") or "").startswith("image/") and enclosure.get("url"):
            images.append(WireImage(url=enclosure.get("url").strip()))
    for media in item.iter(f"{MEDIA_NS}content"):
        url = (media.get("url") or "").strip()
        if not url or (media.get("medium") not in (None, "image")):
            continue
        image = WireImage(
            url=url,
            caption=_text(media, f"{MEDIA_NS}description") or _text(item, f"{MEDIA_NS}description"),
            credit=_text(media, f"{MEDIA_NS}credit") or _text(item, f"{MEDIA_NS}credit"),
        )
        images = [i for i in images if i.url != url] + [image]
    return images


def _rss_entry(item, agencies) -> WireEntry:
    link = _text(item, "link")
    guid = _text(item, "guid") or link
    if not guid:
        raise WireParseError("an item has neither a guid nor a link")
    body = _text(item, f"{CONTENT_NS}encoded") or _text(item, "description")
    return entry_build(
        guid=guid,
        headline=_text(item, "title"),
        body=body,
        summary=_text(item, "description") if item.find(f"{CONTENT_NS}encoded") is not None else "",
        images=_rss_images(item),
        byline=_text(item, f"{DC_NS}creator") or _text(item, "author"),
        keywords=[c.text.strip() for c in item.findall("category") if c.text and c.text.strip()],
        url=link,
        published_at=date_parse(_text(item, "pubDate") or _text(item, f"{DC_NS}date")),
        agencies=agencies,
    )


def _atom_entry(entry, agencies) -> WireEntry:
    link = ""
    images = []
    for node in entry.findall(f"{ATOM_NS}link"):
        rel = node.get("rel", "alternate")
        if rel == "alternate" and not link:
            link = node.get("href", "")
        elif rel == "enclosure" and (node.get("type") or "").startswith("image/"):
            images.append(WireImage(url=node.get("href", ""), caption=node.get("title", "")))
    content = entry.find(f"{ATOM_NS}content")
    body = (content.text or "") if content is not None else ""
    summary = _text(entry, f"{ATOM_NS}summary")
    return entry_build(
        guid=_text(entry, f"{ATOM_NS}id") or link,
        headline=_text(entry, f"{ATOM_NS}title"),
        body=body or summary,
        summary=summary if body else "",
        images=images,
        byline=", ".join(
            n.text.strip() for n in entry.findall(f"{ATOM_NS}author/{ATOM_NS}name") if n.text
        ),
        keywords=[c.get("term") for c in entry.findall(f"{ATOM_NS}category") if c.get("term")],
        url=link,
        published_at=date_parse(_text(entry, f"{ATOM_NS}published")),
        updated_at=date_parse(_text(entry, f"{ATOM_NS}updated")),
        language=entry.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        agencies=agencies,
    )


def feed_parse(data: bytes, *, agencies: tuple[str, ...] = ()) -> WireBatch:
    """The items of an RSS 2.0 or Atom feed."""
    root = xml_root(data)
    name = local_name(root.tag)
    if name == "rss":
        channel = root.find("channel")
        if channel is None:
            raise WireParseError("an RSS feed without a channel")
        language = _text(channel, "language")
        batch = batch_collect(channel.findall("item"), lambda item: _rss_entry(item, agencies))
        for entry in batch.entries:
            entry.language = entry.language or language
        return batch
    if name == "feed":
        batch = batch_collect(
            root.findall(f"{ATOM_NS}entry"), lambda entry: _atom_entry(entry, agencies)
        )
        language = root.get("{http://www.w3.org/XML/1998/namespace}lang", "")
        for entry in batch.entries:
            entry.language = entry.language or language
        return batch
    raise WireParseError(f"not an RSS or Atom feed: <{name}>")
