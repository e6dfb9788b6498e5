"""The pieces of `manage.py serve`: prepare a data directory, then run and watch the processes."""

import hashlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.db import connections

from .health import SCHEDULER, heartbeat_record
from .tasks import worker_heartbeat

logger = logging.getLogger(__name__)

ADMIN_USERNAME = "admin"


def static_fingerprint() -> str:
    """Return a digest of every source static file's path, size and modification time."""
    digest = hashlib.sha256(str(settings.STATIC_ROOT).encode())
    digest.update(repr(settings.STORAGES["staticfiles"]).encode())
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def static_collect() -> bool:
    """Run collectstatic unless the sources are unchanged since the last run; True if it ran."""
    # Hashing and compressing every file takes half a minute; a restart should not wait for it.
    marker = Path(settings.DATA_DIR) / "static.fingerprint"
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    fingerprint = static_fingerprint()
    if manifest.exists() and marker.exists() and marker.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(fingerprint)
    return True


@dataclass
class AdminAccount:
    username: str | None
    password: str | None = None


def admin_account_ensure() -> AdminAccount:
    """Create the "admin" superuser on first run; the password comes back once, never stored."""
    users = get_user_model()
    existing = users.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if existing is not None:
        return AdminAccount(username=existing.get_username())
    if users.objects.filter(**{users.USERNAME_FIELD: ADMIN_USERNAME}).exists():
        # Someone else's account already has the name; leave it alone.
        return AdminAccount(username=None)
    password = secrets.token_urlsafe(12)
    users.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
    return AdminAccount(username=ADMIN_USERNAME, password=password)


def scheduler_run(*, stop: threading.Event, interval: float) -> None:
    """Publish and unpublish scheduled pages every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        try:
            call_command("publish_scheduled", stdout=StringIO())
            heartbeat_record(SCHEDULER)
            worker_heartbeat.enqueue()
        except Exception:
            # A busy database must not end the loop; the next round tries again.
            logger.exception("Scheduled publishing failed; retrying in %s seconds.", interval)
        finally:
            connections.close_all()
        stop.wait(interval)


@dataclass
class Child:
    name: str
    process: subprocess.Popen


def children_start(
    commands: dict[str, list[str]], *, env: dict[str, str], cwd: Path
) -> list[Child]:
    """Start each named command as a child process."""
    return [
        Child(name=name, process=subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL))
        for name, argv in commands.items()
    ]


def children_watch(children: list[Child], *, stop: threading.Event) -> Child | None:
    """Wait until `stop` is set (None comes back) or a child exits (that child comes back)."""
    while not stop.wait(0.5):
        for child in children:
            if child.process.poll() is not None:
                return None if stop.is_set() else child
    return None


def children_stop(children: list[Child], *, already_signalled: bool, timeout: float = 30) -> None:
    """Stop every child with SIGTERM, unless it was signalled already; kill stragglers."""
    if not already_signalled:
        for child in children:
            if child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            logger.warning("%s did not stop in %s seconds; killing it.", child.name, timeout)
            child.process.kill()
            child.process.wait()


def signal_reached_children(signum: int) -> bool:
    """Whether the terminal sent this Ctrl-C to the children too (they share our group)."""
    # A second signal would make the task worker abandon its task, so send none then.
    if signum != signal.SIGINT:
        return False
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, ValueError):
        return False
