"""The task worker (with the scheduler) as a thread of the web server's only worker process.

On the embedded default granian runs one worker process (WEB_CONCURRENCY=1 on two cores), and a
task worker of its own, even forked from the warmed master (task_fork.py), holds ~25 MiB that
nothing shares: the copy-on-write pages of its heap, its own caches and connections. Run as a
thread of the web worker it costs a thread's stack, and the whole default stack stays under
200 MiB of PSS under load (docs/performance.md, "Memory").

What it costs: a task competes with readers' requests for the same interpreter lock, so a long
import slows uncached pages while it runs (cached pages are answered before Python sees much of
them), and a task still running 10 s after the web server is asked to stop is abandoned with the
worker process, then requeued by the scheduler's next round on the machine or the next start
(orphans.py). `TASK_WORKER=process` keeps the
forked process instead; gunicorn always starts a task worker of its own.
"""

import logging
import threading
import time

from django.core.management import call_command

from kabar.ops.management.commands.worker import (
    HEALTHY_RUN_SECONDS,
    Command,
    ThreadWorker,
    worker_pause,
)

logger = logging.getLogger(__name__)

THREAD_NAME = "task-worker"


def tasks_thread_start(argv: list[str]) -> threading.Thread:
    """Run the management command `argv` (`worker …`, as `serve` gives it) in a thread of this
    process, ending it when the process ends: once the main thread has finished, the task under
    way completes and the thread returns, before the interpreter exits."""
    command = Command()
    parser = command.create_parser("manage.py", argv[0])
    command.thread_worker = ThreadWorker.from_options(vars(parser.parse_args(argv[1:])))
    worker = threading.Thread(
        target=_command_keep, args=(command, argv[1:]), name=THREAD_NAME, daemon=False
    )
    worker.start()
    threading.Thread(
        target=_stop_with_main_thread, args=(command.thread_worker,), name="task-stop", daemon=True
    ).start()
    return worker


def _command_keep(command: Command, args: list[str]) -> None:
    """Run the command until it is stopped, again after a pause when it fails, as the
    supervisor restarts a process that dies."""
    failures = 0
    while command.thread_worker.running:
        started = time.monotonic()
        try:
            call_command(command, *args)
        except Exception:
            logger.exception("The task worker failed.")
        if command.thread_worker.running:
            failures = 1 if time.monotonic() - started >= HEALTHY_RUN_SECONDS else failures + 1
            command.thread_worker.stopped.wait(worker_pause(failures))


def _stop_with_main_thread(worker: ThreadWorker) -> None:
    # The main thread's join returns as the interpreter shuts down (threading._shutdown), before
    # it waits for the non-daemon threads: the task worker's among them.
    threading.main_thread().join()
    worker.stop()
