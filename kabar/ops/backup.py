"""Backups of a whole site (database, uploads, secret key) as one archive, and restoring one.

The database is copied while the site runs: SQLite through its online backup API (a consistent
copy even with writers busy), PostgreSQL with pg_dump. Uploads come from MEDIA_ROOT; with object
storage they live in the bucket, which has its own versioning, and are not copied.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from kabar.pagecache import store

ARCHIVE_PREFIX = "kabar-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot be made; the message says why."""


@dataclass
class Manifest:
    created_at: str
    vendor: str
    database: str
    media: bool
    secret_key: bool
    format: int = FORMAT_VERSION


def media_is_local() -> bool:
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def database_dump(target: Path) -> str:
    """Copy the database into `target`; the member name it has in the archive."""
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "database.sqlite3"
    if vendor == "postgresql":
        params = connection.get_connection_params()
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
        subprocess.run(
            [*command, postgres_dsn(params)],
            check=True,
            capture_output=True,
            env=postgres_env(params),
            timeout=3600,
        )
        return "database.pgdump"
    raise BackupError(f"Backups of a {vendor} database are not supported.")


def postgres_dsn(params: dict) -> str:
    parts = {
        "dbname": params.get("dbname") or params.get("database"),
        "host": params.get("host"),
        "port": params.get("port"),
        "user": params.get("user"),
    }
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def postgres_env(params: dict) -> dict:
    return {**os.environ, **({"PGPASSWORD": params["password"]} if params.get("password") else {})}


def backup_create(*, destination: Path, keep: int) -> Path:
    """Write a new archive into `destination` and drop all but the newest `keep`."""
    destination.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    secret_file = settings.DATA_DIR / "secret_key"
    with tempfile.TemporaryDirectory(dir=destination) as work:
        dump = Path(work) / "database"
        member = database_dump(dump)
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                vendor=connection.vendor,
                database=member,
                media=media_is_local() and Path(settings.MEDIA_ROOT).is_dir(),
                secret_key=secret_file.is_file(),
            )
            data = json.dumps(manifest.__dict__, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=member)
            if manifest.media:
                tar.add(settings.MEDIA_ROOT, arcname="media")
            if manifest.secret_key:
                tar.add(secret_file, arcname="secret_key")
        partial.chmod(0o600)  # readers' emails and addresses are in it
        partial.rename(archive)  # never a half-written archive under the real name
    backups_prune(destination=destination, keep=keep)
    return archive


def backups_prune(*, destination: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives; the ones deleted."""
    archives = sorted(destination.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"), reverse=True)
    old = archives[max(keep, 1) :]
    for path in old:
        path.unlink()
    return old


def manifest_read(tar: tarfile.TarFile) -> Manifest:
    try:
        data = json.loads(tar.extractfile("manifest.json").read())
    except (KeyError, ValueError) as error:
        raise BackupError("This file is not a Kabar backup (no readable manifest).") from error
    if data.get("format") != FORMAT_VERSION:
        raise BackupError(f"Backup format {data.get('format')} is not supported.")
    return Manifest(**data)


def database_has_content() -> bool:
    from wagtail.models import Page

    try:
        return Page.objects.filter(depth__gt=1).exists()
    except Exception:  # noqa: BLE001 - no tables yet: an empty database
        return False


def backup_restore(*, archive: Path, force: bool = False) -> Manifest:
    """Replace this site's database, uploads and secret key with the archive's."""
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = manifest_read(tar)
        if manifest.vendor != connection.vendor:
            raise BackupError(
                f"The backup holds a {manifest.vendor} database; "
                f"this site uses {connection.vendor}."
            )
        if database_has_content() and not force:
            raise BackupError("This site already has content; add --force to replace it.")
        tar.extractall(work, filter="data")
        database_load(Path(work) / manifest.database)
        if manifest.media:
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.exists():
                shutil.rmtree(media_root)
            shutil.copytree(Path(work) / "media", media_root)
        if manifest.secret_key:
            shutil.copy2(Path(work) / "secret_key", settings.DATA_DIR / "secret_key")
    store.site_forget()  # no page of the site replaced may be served again
    return manifest


def database_load(dump: Path) -> None:
    if connection.vendor == "sqlite":
        source = sqlite3.connect(dump)
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    params = connection.get_connection_params()
    connections.close_all()
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={postgres_dsn(params)}",
            str(dump),
        ],
        check=True,
        capture_output=True,
        env=postgres_env(params),
        timeout=3600,
    )
