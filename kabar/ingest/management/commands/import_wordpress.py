"""manage.py import_wordpress EXPORT.xml: bring a WordPress newsroom into Kabar."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kabar.ingest.services import ImportOptions, wxr_import
from kabar.ingest.wxr.permalinks import DEFAULT_PERMALINK_STRUCTURE

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2): authors, sections, tags, posts, pages, "
        "images, comments and old URLs."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media-dir", type=Path, help="The site's wp-content/uploads folder, copied locally."
        )
        parser.add_argument(
            "--fetch-media", action="store_true", help="Download attachments from their URLs."
        )
        parser.add_argument(
            "--permalink-structure",
            default=DEFAULT_PERMALINK_STRUCTURE,
            help="The WordPress site's permalink structure.",
        )
        parser.add_argument(
            "--staff-accounts",
            action="store_true",
            help="Also make a staff account (without a password) per author.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the summary without writing anything."
        )
        parser.add_argument(
            "--user",
            help="The username the pages' history names as the importer (default: nobody).",
        )

    def handle(self, *args, **options):
        export: Path = options["export"]
        if not export.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": export})
        media_dir = options["media_dir"]
        if media_dir and not media_dir.is_dir():
            raise CommandError(_("The media folder %(path)s does not exist.") % {"path": media_dir})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No user is named %(name)s.") % {"name": options["user"]})
        summary = wxr_import(
            source=export,
            options=ImportOptions(
                media_dir=media_dir,
                fetch_media=options["fetch_media"],
                permalink_structure=options["permalink_structure"],
                staff_accounts=options["staff_accounts"],
                dry_run=options["dry_run"],
                user=user,
            ),
            progress=self.progress if options["verbosity"] > 0 else None,
        )
        if options["verbosity"] > 0:
            self.stderr.write("")
        self.summary_write(summary, dry_run=options["dry_run"])
        if summary.fatal:
            raise CommandError(summary.fatal)

    def progress(self, phase: str, done: int, total: int) -> None:
        """A one-line progress bar, redrawn in place on a terminal."""
        if not total:
            return
        filled = BAR_WIDTH * done // total
        line = f"\r{phase:<6} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        if sys.stderr.isatty() or done == total:
            self.stderr.write(line, ending="\n" if done == total else "")
            self.stderr.flush()

    def summary_write(self, summary, *, dry_run: bool) -> None:
        title = _("Dry run: nothing was written.") if dry_run else _("Import finished.")
        self.stdout.write(self.style.SUCCESS(title))
        for kind in sorted(summary.counts):
            counts = ", ".join(
                f"{outcome} {n}" for outcome, n in sorted(summary.counts[kind].items())
            )
            self.stdout.write(f"  {kind}: {counts}")
        if summary.skipped:
            self.stdout.write(_("Skipped (%(n)d):") % {"n": len(summary.skipped)})
            for label, reason in summary.skipped:
                self.stdout.write(f"  - {label}: {reason}")
        if summary.warnings:
            self.stdout.write(_("Notes (%(n)d):") % {"n": len(summary.warnings)})
            for label, message in summary.warnings:
                self.stdout.write(f"  - {label}: {message}")
