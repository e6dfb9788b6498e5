"""Polling a wire source once: fetch (conditionally), parse, upsert, and record its health.

Each source is polled on its own (a task per source in the worker), with a time limit on the
fetch, so a slow or broken feed never holds the others up. Failures back off exponentially.
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from kabar.ingest.models import WireItem, WireSource
from kabar.ingest.wire import WireParseError, wire_parse

from .fetch import FetchError, url_fetch
from .wire import WireCounts, entry_accepted, wire_item_upsert, wire_items_create

logger = logging.getLogger(__name__)

FEED_MAX_BYTES = 10 * 1024 * 1024
FEED_TIMEOUT = 20
FOLDER_SUFFIXES = {".xml", ".rss", ".atom", ".json"}
XML_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/vnd.iptc.g2.newsmessage+xml",
    "application/vnd.iptc.g2.newsitem+xml",
)
JSON_TYPES = ("application/json", "application/ninjs+json", "text/json")
ACCEPT = {"rss": XML_TYPES, "newsml": XML_TYPES, "ninjs": JSON_TYPES}


class SourceUnchanged(Exception):
    """The feed answered 304 Not Modified."""


def source_documents(*, source: WireSource) -> list[tuple[str, bytes]]:
    """The documents to parse: the feed's body, or each file in the drop folder."""
    if source.kind == WireSource.Kind.FOLDER:
        folder = Path(source.url)
        if not folder.is_dir():
            raise FetchError(f"the folder {source.url} does not exist")
        files = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES
        )
        return [(p.name, p.read_bytes()) for p in files if p.stat().st_size <= FEED_MAX_BYTES]
    fetched = url_fetch(
        source.url,
        accept=ACCEPT[source.kind],
        max_bytes=FEED_MAX_BYTES,
        timeout=FEED_TIMEOUT,
        etag=source.etag,
        last_modified=source.last_modified,
        username=source.username,
        password=source.password,
    )
    if fetched.not_modified:
        raise SourceUnchanged
    source.etag, source.last_modified = fetched.etag[:255], fetched.last_modified[:64]
    return [(source.url, fetched.body)]


def wire_source_poll(*, source: WireSource) -> WireCounts:
    """Poll the source once; the counts come back and its health is saved."""
    counts = WireCounts()
    now = timezone.now()
    source.last_polled_at = now
    try:
        documents = source_documents(source=source)
        batches = [wire_parse(source.kind, data, agencies=source.agencies) for _, data in documents]
    except SourceUnchanged:
        batches = []
    except (FetchError, WireParseError, OSError) as exc:
        return wire_source_failed(source=source, counts=counts, error=str(exc))
    for batch in batches:
        counts.refused += len(batch.refused)
        counts.errors.extend(batch.refused)
        wire_batch_upsert(source=source, entries=batch.entries, counts=counts)
    source.error_streak, source.last_error = 0, ""
    source.last_success_at = now
    source.items_seen += counts.found
    source.next_poll_at = now + timedelta(minutes=source.poll_minutes)
    source.save()
    return counts


def wire_batch_upsert(*, source: WireSource, entries, counts: WireCounts) -> None:
    """Upsert a document's entries in one transaction (one disk sync, not one per item).

    Runs of new, live items are stored together (`wire_items_create`), when the source's rule
    queues them; anything else (a new version, a kill, a GUID seen twice, a drafting rule) is
    upserted alone, in order, each in its own savepoint. When storing a run fails, it is rolled
    back and its items go one by one instead, so a bad item is refused alone and the rest are
    kept.
    """
    # Storing a run needs the new rows' keys back from one INSERT (SQLite, PostgreSQL).
    batchable = connection.features.can_return_rows_from_bulk_insert and (
        source.rule == WireSource.Rule.QUEUE or source.section_id is None
    )
    with transaction.atomic():
        accepted = []
        for entry in entries:
            counts.found += 1
            if entry_accepted(source=source, entry=entry):
                accepted.append(entry)
            else:
                counts.refused += 1
        known = set(
            WireItem.objects.filter(
                source=source, guid__in={entry.guid for entry in accepted}
            ).values_list("guid", flat=True)
        )
        run = []
        for entry in accepted:
            if batchable and not entry.killed and entry.guid not in known:
                known.add(entry.guid)
                run.append(entry)
                continue
            entries_create(source=source, entries=run, counts=counts)
            run = []
            entry_upsert(source=source, entry=entry, counts=counts)
        entries_create(source=source, entries=run, counts=counts)


def entries_create(*, source: WireSource, entries: list, counts: WireCounts) -> None:
    """Store a run of new items at once, or one by one when that fails."""
    if not entries:
        return
    try:
        with transaction.atomic():
            outcomes = wire_items_create(source=source, entries=entries)
    except Exception:  # noqa: BLE001 - the items are retried one by one just below
        logger.info("Wire items from %s stored one by one after a failed batch", source)
        for entry in entries:
            entry_upsert(source=source, entry=entry, counts=counts)
        return
    for outcome in outcomes:
        entry_counted(outcome=outcome, counts=counts)


def entry_upsert(*, source: WireSource, entry, counts: WireCounts) -> None:
    """Upsert one item in its own savepoint; a failure is counted and logged, never raised."""
    try:
        outcome = wire_item_upsert(source=source, entry=entry)
    except Exception as exc:
        # One bad item never stops the feed.
        logger.exception("Wire item %s from %s failed", entry.guid, source)
        counts.refused += 1
        counts.errors.append(f"{entry.guid}: {exc}")
        return
    entry_counted(outcome=outcome, counts=counts)


def entry_counted(*, outcome: str, counts: WireCounts) -> None:
    if outcome == "duplicates":
        counts.created += 1
    counts.add(outcome)


def wire_source_failed(*, source: WireSource, counts: WireCounts, error: str) -> WireCounts:
    """Record a failed poll and back off: the wait doubles with each failure in a row."""
    now = timezone.now()
    source.error_streak += 1
    source.last_error, source.last_error_at = error[:2000], now
    source.next_poll_at = now + source.backoff()
    source.save()
    counts.errors.append(error)
    return counts


def wire_sources_due(*, now=None) -> list[int]:
    """Claim the sources due for a poll (pushing their next poll on) and return their IDs.

    Claiming first means a poll still running when the scheduler comes round again is not
    queued twice.
    """
    now = now or timezone.now()
    due = []
    with transaction.atomic():
        for source in WireSource.objects.select_for_update().filter(active=True):
            if source.is_due(now):
                source.next_poll_at = now + timedelta(minutes=source.poll_minutes)
                source.save(update_fields=["next_poll_at"])
                due.append(source.pk)
    return due
