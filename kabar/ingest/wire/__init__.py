"""Agency copy (RSS/Atom, IPTC NewsML-G2, IPTC NINJS, drop-folder files) → `WireEntry` values.

Every parser is a pure function: bytes in, a list of entries out, no network and no database.
"""

from .entries import WireBatch, WireEntry, WireImage, WireParseError
from .parse import WIRE_PARSERS, wire_parse

__all__ = ["WIRE_PARSERS", "WireBatch", "WireEntry", "WireImage", "WireParseError", "wire_parse"]
