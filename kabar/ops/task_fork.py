"""The task worker (with the scheduler) forked from the web server's preloaded master, when
granian runs more than one web worker or TASK_WORKER=process asks (with one, it is a thread of
that worker: task_thread.py).

Started as an interpreter of its own, the task worker imports Django and Wagtail again: ~125 MiB
of PSS that nothing shares. Forked from the web server's master once the application is imported
and warmed, it shares those pages with the master and the web workers, as the web workers do.

    web server master ─fork─> task keeper ─fork─> task worker (manage.py worker --scheduler-…)
                      └─fork─> web workers

The keeper is forked before the web server starts any thread, and stays idle and single-threaded:
every task worker is forked from it, so a restart starts from the same warmed image without
forking a process full of threads (the master's). The keeper restarts a task worker that dies,
after the supervisor's pauses; stops it with one SIGTERM when the master asks; and dies with the
master (PR_SET_PDEATHSIG), as the task worker dies with the keeper. A task worker that dies in
its first STARTUP_SECONDS ends the keeper, then the master: the supervisor stops everything, as
for any child that never worked.

The task worker runs in a process group of its own: Ctrl-C in the terminal reaches the whole
foreground group, and a second signal (the keeper's SIGTERM) would make django-tasks' worker
abandon the task under way. So only the keeper signals it, once; the keeper ignores SIGINT and
waits for the master, which stops it on its way out.
"""

import ctypes
import logging
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .supervise import STARTUP_SECONDS, Child, child_restart_pause

logger = logging.getLogger(__name__)

# The names `ps`, `top` and `make bench` see (/proc/PID/comm, at most 15 characters).
KEEPER_NAME = "task-keeper"
WORKER_NAME = "task-worker"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def parent_death_signal(signum: int) -> None:
    """Have the kernel send `signum` to this process when its parent dies (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")


def process_name_set(name: str) -> None:
    """Name this process as `ps` and `top` show it; the command line stays the master's."""
    try:
        Path("/proc/self/comm").write_text(name[:15])
    except OSError:
        pass


def exit_code(status: int) -> int:
    """A shell's exit code for a wait status: the code, or 128 + the signal that killed it."""
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


def forked_run(body, *args) -> int:
    """In a child just forked: run body(*args) and leave with its code, never returning into the
    parent's code (its web server, its `finally` blocks)."""
    code = 1
    try:
        code = body(*args)
    except SystemExit as leaving:
        if isinstance(leaving.code, str):
            sys.stderr.write(leaving.code + "\n")
        code = leaving.code if isinstance(leaving.code, int) else int(leaving.code is not None)
    except BaseException:  # noqa: BLE001 (whatever happens, the child must not return)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def management_command(argv: list[str]) -> Callable[[], None]:
    """What the task worker runs: a management command (`worker …`, as `serve` gives it)."""

    def run() -> None:
        from django.core.management import call_command

        call_command(*argv)

    return run


def worker_run(run: Callable[[], int | None], keeper: int) -> int:
    """The task worker's process: its own group, gone with the keeper, then `run`."""
    os.setpgid(0, 0)
    parent_death_signal(signal.SIGTERM)
    if os.getppid() != keeper:  # the keeper died before the line above
        return 0
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)
    process_name_set(WORKER_NAME)
    from .preload import memory_trim_keep

    memory_trim_keep()
    return run() or 0


def keeper_run(run: Callable[[], int | None], master: int) -> int:
    """The keeper's loop: fork a task worker, wait for it, fork it again when it dies."""
    parent_death_signal(signal.SIGTERM)
    if os.getppid() != master:
        return 0
    process_name_set(KEEPER_NAME)
    stopping = []
    worker = Child(name="task worker", argv=[], env={}, cwd=Path.cwd())
    pid = 0

    def on_term(signum, frame):
        stopping.append(signum)
        if pid:
            os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the master stops us, once it has stopped
    while True:
        pid = os.fork()
        if not pid:
            forked_run(worker_run, run, os.getppid())
        worker.started_at = time.monotonic()
        if stopping:  # asked to stop while forking: on_term saw no pid yet
            os.kill(pid, signal.SIGTERM)
        _pid, status = os.waitpid(pid, 0)
        pid, code = 0, exit_code(status)
        if stopping:
            return 0
        now = time.monotonic()
        if not worker.restarts and now - worker.started_at < STARTUP_SECONDS:
            logger.error("The task worker exited with code %s while starting.", code)
            return code or 1
        worker.pause = child_restart_pause(worker, now=now)
        logger.error(
            "The task worker exited with code %s; starting it again in %g s.", code, worker.pause
        )
        deadline = now + worker.pause
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
        if stopping:
            return 0
        worker.restarts += 1
        logger.warning("Starting the task worker again (restart %d).", worker.restarts)


class TaskKeeper:
    """The master's handle on the keeper: fork it, notice when it ends, stop it."""

    def __init__(self, run: Callable[[], int | None]):
        self.run = run
        self.pid = 0
        self.code: int | None = None
        self.stopping = False
        self.on_exit = None

    def start(self, *, on_exit=None) -> "TaskKeeper":
        """Fork the keeper; call it before this process starts any thread. `on_exit` is called
        (in a thread) if the keeper ends without being asked to."""
        self.on_exit = on_exit
        master = os.getpid()
        self.pid = os.fork()
        if not self.pid:
            forked_run(keeper_run, self.run, master)
        self.watcher = threading.Thread(target=self.watch, name="task-keeper-watch", daemon=True)
        self.watcher.start()
        return self

    def watch(self) -> None:
        _pid, status = os.waitpid(self.pid, 0)
        self.code = exit_code(status)
        if not self.stopping and self.on_exit is not None:
            self.on_exit(self.code)

    @property
    def failed(self) -> bool:
        """Whether the keeper ended by itself: its task worker could not start."""
        return self.code is not None and not self.stopping

    def stop(self, timeout: float = 25) -> None:
        """Stop the task worker (it finishes its task first) and the keeper; wait for them."""
        self.stopping = True
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self.watcher.join(timeout)
