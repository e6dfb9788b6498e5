"""The pieces of `manage.py serve`: prepare a data directory, then run and watch the processes."""

import hashlib
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.finders import get_finders
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections

from .health import SCHEDULER, heartbeat_record
from .orphans import tasks_orphaned_requeue

# The supervisor's parts live in a module without Django (serve re-execs into it); they are
# named here too, where the rest of `serve` and its tests look for them.
from .supervise import (  # noqa: F401
    RESTART_FIRST_SECONDS,
    RESTART_MAX_SECONDS,
    RESTART_RESET_SECONDS,
    STARTUP_SECONDS,
    Child,
    child_restart_pause,
    children_start,
    children_stop,
    children_watch,
    signal_reached_children,
)
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
    """Run the periodic jobs every `interval` seconds until `stop` is set: the
    SCHEDULED_COMMANDS (scheduled publishing, the overdue-complaints email, pruning the public
    forms' rate-limit counters and spent tokens), the heartbeats,
    and a poll task queued for each wire source that is due.

    A failing round (the database away) never ends the loop: the pause doubles after each
    failure in a row, up to five minutes, and is back to `interval` after the first success.
    """
    failures = 0
    while not stop.is_set():
        try:
            # With several app nodes, each runs a scheduler; one of them does each round.
            if scheduler_round_claim(interval):
                try:
                    # Scheduled publishing first; then the rest (the overdue-complaints email).
                    for command in settings.SCHEDULED_COMMANDS:
                        call_command(command, stdout=StringIO())
                    wire_polls_queue()
                finally:
                    scheduler_round_done()
            heartbeat_record(SCHEDULER)
            # A worker gone mid-task since its node's worker started (a web worker replaced
            # while it ran a task in its thread, task_thread.py) hands its task back.
            tasks_orphaned_requeue()
            worker_heartbeat.enqueue()
            failures = 0
        except Exception:
            failures += 1
            logger.exception(
                "Scheduled jobs failed; retrying in %s seconds.",
                scheduler_pause(interval, failures=failures),
            )
        finally:
            connections.close_all()
        stop.wait(scheduler_pause(interval, failures=failures))


# A round holds this lock while it runs (at most ROUND_LOCK_SECONDS, should its node die) and
# records when it ended, in the cache every node shares (Redis in a cluster).
ROUND_LOCK_KEY = "kabar:scheduler:round"
LAST_ROUND_KEY = "kabar:scheduler:last-round"
ROUND_LOCK_SECONDS = 600


def scheduler_round_claim(interval: float) -> bool:
    """True for the one scheduler, of those racing on every node, that runs this round: none
    runs it, and no other round began less than half an interval after the last one ended.
    With the shared cache down, every scheduler runs (resilient caches grant the lock):
    stories must still go out on time."""
    shared = caches[settings.SHARED_CACHE_ALIAS]
    if not shared.add(ROUND_LOCK_KEY, os.getpid(), timeout=ROUND_LOCK_SECONDS):
        return False
    ended = shared.get(LAST_ROUND_KEY)
    if ended is not None and time.time() - ended < interval / 2:
        shared.delete(ROUND_LOCK_KEY)
        return False
    return True


def scheduler_round_done() -> None:
    shared = caches[settings.SHARED_CACHE_ALIAS]
    shared.set(LAST_ROUND_KEY, time.time(), timeout=None)
    shared.delete(ROUND_LOCK_KEY)


def wire_polls_queue() -> None:
    """Queue the due wire polls; a failure here is logged and never holds up publishing."""
    from kabar.ingest.tasks import wire_polls_enqueue

    try:
        wire_polls_enqueue()
    except Exception:
        logger.exception("Queueing wire polls failed; the next round tries again.")


def scheduler_pause(interval: float, *, failures: int) -> float:
    if not failures:
        return interval
    return min(max(interval, 1.0) * 2 ** (failures - 1), SCHEDULER_MAX_PAUSE_SECONDS)


SCHEDULER_MAX_PAUSE_SECONDS = 300.0
