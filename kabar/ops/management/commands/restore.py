"""manage.py restore ARCHIVE: put a site back from an archive `manage.py backup` wrote."""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kabar.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace this site's database, uploads and secret key with a backup's. Run it with the "
        "site stopped, then `manage.py migrate` if the code is newer than the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace a site that already has content."
        )

    def handle(self, *, archive, force, **options):
        try:
            manifest = backup_restore(archive=archive, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_restore failed: {error.stderr.decode().strip()}") from error
        self.stdout.write(f"Restored the backup made at {manifest.created_at} from {archive}.")
