"""What every wire parser returns, whatever the agency's format."""

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

# Left out of the checksum: a new label or time alone is not a new version.
VOLATILE = frozenset({"version", "updated_at", "published_at"})


class WireParseError(ValueError):
    """The feed cannot be read at all (broken XML or JSON, an unknown document)."""


@dataclass(frozen=True)
class WireImage:
    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class WireEntry:
    """One agency item, its HTML already sanitised and its dateline split off the body."""

    guid: str
    headline: str
    body_html: str = ""
    summary: str = ""
    byline: str = ""
    keywords: list[str] = field(default_factory=list)
    images: list[WireImage] = field(default_factory=list)
    url: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    dateline_place: str = ""
    dateline_agency: str = ""
    credit: str = ""
    language: str = ""
    # The agency's own version label, when it sends one (NewsML-G2, NINJS).
    version: str = ""
    # A kill or withdrawal notice for the item with this GUID.
    killed: bool = False

    @property
    def checksum(self) -> str:
        """A digest of what an editor would see; a new version is a changed digest."""
        # asdict() without its deep copy of every field: only the images are dataclasses.
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in VOLATILE}
        data["images"] = [asdict(image) for image in self.images]
        raw = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class WireBatch:
    """A parsed document: its entries, and why any item in it was refused."""

    entries: list[WireEntry] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
