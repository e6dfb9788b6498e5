"""manage.py backup: the database, uploads and secret key as one timestamped archive."""

import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kabar.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write the database (SQLite online backup or pg_dump), uploads and secret key into "
        "one .tar.gz archive, and keep only the newest --keep archives."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--destination",
            type=Path,
            default=os.environ.get("BACKUP_DIR") or settings.DATA_DIR / "backups",
            help="Folder for the archives (default: BACKUP_DIR, else $KABAR_DATA_DIR/backups).",
        )
        parser.add_argument(
            "--keep", type=int, default=7, help="How many archives to keep (default: 7)."
        )

    def handle(self, *, destination, keep, **options):
        try:
            archive = backup_create(destination=destination, keep=keep)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_dump failed: {error.stderr.decode().strip()}") from error
        size = archive.stat().st_size / 1024 / 1024
        self.stdout.write(f"Backup written: {archive} ({size:.1f} MB)")
