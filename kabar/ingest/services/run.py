"""The state one import shares between its steps: options, the target site, the summary."""

import dataclasses
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import models

from kabar.ingest.models import WordPressItem
from kabar.ingest.wxr.permalinks import DEFAULT_PERMALINK_STRUCTURE

# Bump when the conversion changes, so a re-run rewrites what it made before.
CONVERTER_VERSION = 1
# Kinds the first pass makes and every post then reads: looked up once per run, not per post.
CACHED_KINDS = {"author", "category", "tag"}
# `remember`'s default: whether the item was recorded before is not known yet.
UNKNOWN = object()


@dataclass
class ImportOptions:
    media_dir: Path | None = None
    fetch_media: bool = False
    permalink_structure: str = DEFAULT_PERMALINK_STRUCTURE
    staff_accounts: bool = False
    dry_run: bool = False
    # Who started the import: the pages' revisions and history name them, not "system".
    user: models.Model | None = None


@dataclass
class ImportSummary:
    """Counts per kind and outcome, and every skipped item with its reason."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    fatal: str = ""

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def skip(self, kind: str, label: str, reason: str) -> None:
        self.counts[kind]["skipped"] += 1
        self.skipped.append((label, reason))

    def warn(self, label: str, message: str) -> None:
        self.warnings.append((label, message))

    def total(self, kind: str) -> int:
        return sum(self.counts[kind].values())


@dataclass
class ImportRun:
    site_url: str
    options: ImportOptions
    summary: ImportSummary
    home: models.Model | None = None
    site: models.Model | None = None
    reusable: dict[int, str] = field(default_factory=dict)
    sticky: list[int] = field(default_factory=list)
    authors_by_id: dict[int, models.Model] = field(default_factory=dict)
    _targets: dict[tuple[str, str], models.Model | None] = field(default_factory=dict)

    def record(self, kind: str, wp_id) -> WordPressItem | None:
        """What the item became in an earlier run, if anything."""
        return WordPressItem.objects.filter(
            site_url=self.site_url, kind=kind, wp_id=str(wp_id)
        ).first()

    def target(self, kind: str, wp_id):
        """The object an earlier run (or step) made of the item, or None."""
        key = (kind, str(wp_id))
        if kind in CACHED_KINDS and key in self._targets:
            return self._targets[key]
        found = self.record(kind, wp_id)
        target = found.target if found else None
        if kind in CACHED_KINDS:
            self._targets[key] = target
        return target

    def targets_forget(self) -> None:
        """Drop the looked-up objects: after a rollback their values in memory (a section's
        child count, raised by adding a page) may no longer be what the database holds."""
        self._targets.clear()

    def remember(
        self,
        kind: str,
        wp_id,
        obj,
        *,
        checksum: str,
        source_path: str = "",
        meta: dict | None = None,
        record=UNKNOWN,
    ) -> WordPressItem:
        """Record what the item became, so the next run finds it.

        `record` is the item's earlier record (or None when it has none), when the caller
        has just looked it up: that saves a lookup per item.
        """
        self._targets.pop((kind, str(wp_id)), None)
        values = {
            "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
            "object_id": str(obj.pk),
            "checksum": checksum,
            "source_path": source_path[:500],
            "meta": meta or {},
        }
        if record is UNKNOWN:
            item, _created = WordPressItem.objects.update_or_create(
                site_url=self.site_url, kind=kind, wp_id=str(wp_id), defaults=values
            )
            return item
        if record is None:
            return WordPressItem.objects.create(
                site_url=self.site_url, kind=kind, wp_id=str(wp_id), **values
            )
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        return record


def checksum_of(record, *extra) -> str:
    """A stable hash of a parsed record (and anything else that shapes the result)."""
    data = dataclasses.asdict(record) if dataclasses.is_dataclass(record) else record
    payload = json.dumps([CONVERTER_VERSION, data, *extra], default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()
