"""The supervisor of `manage.py serve`: start the web server and the task worker, restart a child
that dies, stop them all on Ctrl-C or SIGTERM.

Only the standard library: once `serve` has prepared the database and static files it replaces
itself with `python -m kabar.ops.supervise` (same process id, same terminal), so the process that
merely watches its children no longer holds a whole Django and Wagtail in memory (~150 MiB
before issue 15). The scheduler runs inside the task worker (`manage.py worker --scheduler`),
which granian's master forks and keeps itself (task_fork.py); with gunicorn it is a child here.
"""

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("kabar.ops.runner")

# A child that exits this soon after `serve` started it never worked (a port in use, a broken
# setting): restarting would only repeat the error, so everything stops with it instead.
# The web server imports the application before it binds its port (a few seconds, more on a
# busy machine); gunicorn then retries a taken port for five seconds before it gives up.
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


def exec_argv(children: dict[str, list[str]]) -> list[str]:
    """The command line `serve` replaces itself with to supervise `children`."""
    return [sys.executable, "-m", "kabar.ops.supervise", json.dumps({"children": children})]


def say(text: str, *, stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(text + "\n")
    stream.flush()


def main(argv: list[str]) -> int:
    """Supervise the children named in the JSON argument until stopped; the exit status."""
    logging.basicConfig(format="%(message)s", level=logging.WARNING, stream=sys.stderr)
    children_argv = json.loads(argv[0])["children"]
    stop = threading.Event()
    received = []

    def on_signal(signum, frame):
        received.append(signum)
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)

    children = children_start(children_argv, env=dict(os.environ), cwd=Path.cwd())
    dead = None
    try:
        dead = children_watch(children, stop=stop)
        say("Stopping…")
    finally:
        stop.set()
        children_stop(
            children,
            already_signalled=bool(received) and signal_reached_children(received[0]),
        )
    if dead is not None:
        say(
            f"CommandError: {dead.name} exited with code {dead.process.returncode}; "
            "stopped everything.",
            stream=sys.stderr,
        )
        return 1
    say("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
