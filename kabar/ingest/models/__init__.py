from .wire import WireBand, WireFingerprint, WireItem, WireKeywordTag, WireSource
from .wordpress import IMPORT_KINDS, IMPORT_OUTCOMES, IMPORT_PHASES, ImportJob, WordPressItem

__all__ = [
    "IMPORT_KINDS",
    "IMPORT_OUTCOMES",
    "IMPORT_PHASES",
    "ImportJob",
    "WireBand",
    "WireFingerprint",
    "WireItem",
    "WireKeywordTag",
    "WireSource",
    "WordPressItem",
]
