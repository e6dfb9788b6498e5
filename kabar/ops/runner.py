"""The pieces of `manage.py serve`: prepare a data directory, then run and watch the processes."""

import hashlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
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
            # Scheduled publishing first; then the rest (the overdue-complaints email).
            for command in settings.SCHEDULED_COMMANDS:
                call_command(command, stdout=StringIO())
            heartbeat_record(SCHEDULER)
            worker_heartbeat.enqueue()
            wire_polls_queue()
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
# A child that exits this soon after `serve` started it never worked (a port in use, a broken
# setting): restarting would only repeat the error, so everything stops with it instead.
# gunicorn preloads the application before it binds its port (a few seconds, more on a busy
# machine) and then retries a taken port for five seconds before it gives up.
STARTUP_SECONDS = 30.0
# A child that dies later is restarted after a pause that doubles each time it dies again
# quickly, up to RESTART_MAX_SECONDS, and starts again from the first step once it has run
# for RESTART_RESET_SECONDS.
RESTART_FIRST_SECONDS = 1.0
RESTART_MAX_SECONDS = 60.0
RESTART_RESET_SECONDS = 60.0


@dataclass
class Child:
    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path
    process: subprocess.Popen = None
    started_at: float = 0.0
    restarts: int = 0
    pause: float = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.argv, env=self.env, cwd=self.cwd, stdin=subprocess.DEVNULL
        )
        self.started_at = time.monotonic()


def children_start(
    commands: dict[str, list[str]], *, env: dict[str, str], cwd: Path
) -> list[Child]:
    """Start each named command as a child process."""
    children = [Child(name=name, argv=argv, env=env, cwd=cwd) for name, argv in commands.items()]
    for child in children:
        child.start()
    return children


def child_restart_pause(child: Child, *, now: float) -> float:
    """How long to wait before starting a child that has just died again."""
    if now - child.started_at >= RESTART_RESET_SECONDS or not child.pause:
        return RESTART_FIRST_SECONDS
    return min(child.pause * 2, RESTART_MAX_SECONDS)


def children_watch(children: list[Child], *, stop: threading.Event) -> Child | None:
    """Keep the children running until `stop` is set (None comes back).

    A child that dies is started again after a pause, so a database outage that ends the task
    worker, or a crash, never takes the site down. One that dies while the site is starting
    comes back at once: nothing can serve until its problem is fixed.
    """
    waiting: dict[str, float] = {}  # child name → when to start it again
    while not stop.wait(0.5):
        now = time.monotonic()
        for child in children:
            if child.name in waiting:
                if now >= waiting[child.name]:
                    del waiting[child.name]
                    child.restarts += 1
                    logger.warning("Starting %s again (restart %d).", child.name, child.restarts)
                    child.start()
                continue
            code = child.process.poll()
            if code is None:
                continue
            if stop.is_set():
                return None
            if not child.restarts and now - child.started_at < STARTUP_SECONDS:
                return child
            child.pause = child_restart_pause(child, now=now)
            waiting[child.name] = now + child.pause
            logger.error(
                "%s exited with code %s; starting it again in %g s.", child.name, code, child.pause
            )
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
