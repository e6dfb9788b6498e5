"""`wxr_import`: a WordPress export into the newsroom, in passes over the streamed file."""

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext

from kabar.ingest.wxr.parse import (
    WxrAuthor,
    WxrError,
    WxrItem,
    WxrProblem,
    WxrSite,
    WxrTerm,
    wxr_read,
)
from kabar.pagecache.purge import purges_deferred

from .indexing import index_updates_deferred, index_updates_flush
from .media import attachment_page_redirect, attachment_upsert
from .menus import menu_import
from .posts import post_upsert
from .run import ImportOptions, ImportRun, ImportSummary
from .sticky import sticky_apply
from .terms import author_upsert, home_ensure, sections_upsert, tag_upsert

Progress = Callable[[str, int, int], None]
Source = str | os.PathLike | bytes


class _DryRunRollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


def wxr_count_items(source: Source | BinaryIO) -> int:
    """How many <item>s the export holds, by a byte scan that keeps memory flat."""
    if isinstance(source, bytes | bytearray):
        return source.count(b"<item>")
    count, tail = 0, b""
    with Path(source).open("rb") as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<item>")
            tail = data[-5:]
    return count


def wxr_import(
    *,
    source: Source,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the export (file path or bytes); re-running it changes nothing."""
    options = options or ImportOptions()
    summary = ImportSummary()
    tick = progress or (lambda phase, done, total: None)
    try:
        total = wxr_count_items(source)
        passes = partial(
            _import_passes,
            source=source,
            options=options,
            summary=summary,
            total=total,
            progress=progress,
        )
        # Search and reference indexing run in bulk, once per changed object, between items and
        # at the end; the page cache (and the CDN) is purged once, whole, not page by page.
        # The pages' history names whoever started the import ("system" when nobody did).
        with (
            LogContext(user=options.user),
            purges_deferred(),
            index_updates_deferred(
                apply=not options.dry_run, progress=lambda done, count: tick("index", done, count)
            ),
        ):
            if options.dry_run:
                try:
                    with transaction.atomic():
                        passes()
                        raise _DryRunRollback
                except _DryRunRollback:
                    pass
            else:
                passes()
    except (WxrError, OSError) as exc:
        summary.fatal = str(exc)
    return summary


def incomplete_export_message(reason: str) -> str:
    return _(
        "The export is incomplete: %(reason)s No article, page, section or menu was changed; "
        "authors and images read before that point were kept. Import the complete export "
        "again to finish: what is already here is updated, never duplicated."
    ) % {"reason": reason}


def _records(source: Source, summary: ImportSummary, *, report: bool = False):
    """The export's records; bad items are reported (on the first pass) and left behind.

    Broken XML ends the first pass, and the import stops there (see `_import_passes`).
    """
    try:
        for record in wxr_read(source):
            if isinstance(record, WxrProblem):
                if report:
                    summary.skip("item", record.label, record.reason)
                continue
            yield record
            # Between two items, each committed: memory stays flat however long the export.
            index_updates_flush()
    except WxrError as exc:
        summary.fatal = str(exc)


def _import_passes(
    *,
    source: Source,
    options: ImportOptions,
    summary: ImportSummary,
    total: int,
    progress: Progress | None,
) -> None:
    tick = progress or (lambda phase, done, total: None)
    run: ImportRun | None = None
    categories: dict[str, WxrTerm] = {}
    tags: dict[str, WxrTerm] = {}
    menus: dict[str, WxrTerm] = {}
    done = attachments = 0
    # Pass 1: site, authors, terms, images, reusable blocks.
    for record in _records(source, summary, report=True):
        if isinstance(record, WxrSite):
            run = ImportRun(site_url=record.url, options=options, summary=summary)
            home_ensure(run=run, wxr_site=record)
        elif isinstance(record, WxrAuthor):
            profile = author_upsert(run=run, author=record)
            if record.id:
                run.authors_by_id[record.id] = profile
        elif isinstance(record, WxrTerm):
            # WordPress 6.1 lists every category and tag twice (also as <wp:term>).
            if record.taxonomy == "category":
                categories.setdefault(record.slug, record)
            elif record.taxonomy == "post_tag":
                tags.setdefault(record.slug, record)
            elif record.taxonomy == "nav_menu":
                menus.setdefault(record.slug, record)
        elif isinstance(record, WxrItem):
            done += 1
            tick("media", done, total)
            if record.post_type == "attachment":
                attachments += 1
                attachment_upsert(run=run, item=record)
            elif record.post_type == "wp_block":
                run.reusable[record.id] = record.content
    if run is None:
        if not summary.fatal:
            summary.fatal = _("The export names no site.")
        return
    if summary.fatal:
        # A cut-off export would publish the posts before the cut and overwrite sections with
        # a part of the file; stop before either, so the state is plain: nothing published.
        summary.fatal = incomplete_export_message(summary.fatal)
        return
    sections_upsert(run=run, categories=list(categories.values()))
    for term in tags.values():
        tag_upsert(run=run, term=term)
    # Pass 2: posts and pages. A child page can come before its parent; it waits a turn.
    done, waiting, menu_items = 0, [], []
    for record in _records(source, summary):
        if not isinstance(record, WxrItem):
            continue
        done += 1
        tick("posts", done, total)
        if record.post_type == "post":
            post_upsert(run=run, item=record)
        elif record.post_type == "page":
            if record.parent_id and run.target("page", record.parent_id) is None:
                waiting.append(record)
            else:
                post_upsert(run=run, item=record)
        elif record.post_type == "nav_menu_item":
            menu_items.append(record)
        elif record.post_type == "wp_block":
            summary.count("wp_block", "expanded")
    for record in waiting:
        post_upsert(run=run, item=record)
    # Menu items name categories by term ID, and lead to the sections and pages made above.
    category_slugs = {term.id: term.slug for term in categories.values() if term.id}
    menu_import(run=run, items=menu_items, menus=menus, category_slugs=category_slugs)
    # Pass 3: attachment pages lead to their posts, now that the posts exist. An export
    # without attachments is not read a third time.
    for record in _records(source, summary) if attachments else ():
        if isinstance(record, WxrItem) and record.post_type == "attachment":
            attachment_page_redirect(run=run, item=record)
    sticky_apply(run=run)
