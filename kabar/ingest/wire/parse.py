"""The parser for each kind of source, and the sniffing a drop folder needs."""

from collections.abc import Callable

from .common import local_name, xml_root
from .entries import WireBatch, WireParseError
from .feed import feed_parse
from .newsml import newsml_parse
from .ninjs import ninjs_parse

Parser = Callable[..., WireBatch]


def file_parse(data: bytes, *, agencies: tuple[str, ...] = ()) -> WireBatch:
    """A file dropped into a folder, whichever of the formats it is in."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return ninjs_parse(data, agencies=agencies)
    if head != b"<":
        raise WireParseError("neither XML nor JSON")
    name = local_name(xml_root(data).tag)
    if name in ("newsItem", "newsMessage"):
        return newsml_parse(data, agencies=agencies)
    return feed_parse(data, agencies=agencies)


WIRE_PARSERS: dict[str, Parser] = {
    "rss": feed_parse,
    "newsml": newsml_parse,
    "ninjs": ninjs_parse,
    "folder": file_parse,
}


def wire_parse(kind: str, data: bytes, *, agencies: tuple[str, ...] = ()) -> WireBatch:
    """The document parsed with the parser for the source's kind."""
    return WIRE_PARSERS[kind](data, agencies=agencies)
