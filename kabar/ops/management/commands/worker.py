"""manage.py worker: django-tasks' database worker, quiet about the tasks that succeed, and
patient with the database: an outage makes it wait and try again instead of exiting.

With --scheduler-interval it also runs the scheduler (runner.scheduler_run) in a thread: that is
how `manage.py serve` runs it, so no other process holds a Django for it. On the embedded default
the whole command runs in a thread of the web process (kabar/ops/task_thread.py), with a
ThreadWorker.
"""

import logging
import threading
import time

from django.db import DatabaseError, connections
from django_tasks.signals import task_finished, task_started
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.management.commands.db_worker import logger as worker_logger

from kabar.ops import logs, runner
from kabar.ops.orphans import tasks_orphaned_requeue, worker_id_here

logger = logging.getLogger(__name__)

# The pause after a failure doubles with each failure in a row, up to this many seconds.
MAX_PAUSE_SECONDS = 30.0
# A run that lasted this long was a recovery: the next failure starts the pauses afresh.
HEALTHY_RUN_SECONDS = 60.0


def worker_pause(failures: int) -> float:
    """Seconds to wait after `failures` failures in a row: 1, 2, 4, ... up to the maximum."""
    return min(2.0 ** (failures - 1), MAX_PAUSE_SECONDS)


class ThreadWorker(Worker):
    """django-tasks' database worker run in a thread of the web process: the process's signals
    stay the web server's, and `stop` ends the loop once the task under way is done."""

    def __init__(self, **options):
        super().__init__(**options)
        self.stopped = threading.Event()

    @classmethod
    def from_options(cls, options: dict) -> "ThreadWorker":
        """Built from `worker`'s options, as db_worker's own `handle` builds its worker."""
        excluded = options["exclude_queues"]
        return cls(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded.split(",") if excluded else [],
        )

    def configure_signals(self) -> None:
        pass

    def stop(self) -> None:
        self.running = False
        self.stopped.set()


class Command(DBWorkerCommand):
    # Set when the command runs in a thread of the web process (task_thread.py).
    thread_worker: ThreadWorker | None = None

    help = (
        "Run background tasks from the database, as db_worker does, printing only warnings and "
        "failures at the default verbosity (-v 2 prints every task). While the database is "
        "away it waits and tries again."
    )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if verbosity == 1:
            # Two lines per task bury `manage.py serve`'s address and admin login.
            for logger_ in (logging.getLogger(TASKS_LOGGER), worker_logger):
                logger_.setLevel(logging.WARNING)

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # The machine and process instead of a random id: see orphans.py.
        parser.set_defaults(worker_id=worker_id_here())
        parser.add_argument(
            "--scheduler-interval",
            type=float,
            default=0,
            help="Also run the scheduled jobs every this many seconds (default 0: not here).",
        )

    def handle(self, *args, scheduler_interval: float = 0, **options) -> None:
        # Every line logged while a task runs names it (kabar.ops.logs).
        task_started.connect(logs.task_log_start, dispatch_uid="kabar.ops.logs.task")
        task_finished.connect(logs.task_log_end, dispatch_uid="kabar.ops.logs.task")
        if scheduler_interval <= 0:
            return self.tasks_run(*args, **options)
        stop = threading.Event()
        scheduler = threading.Thread(
            target=runner.scheduler_run,
            kwargs={"stop": stop, "interval": scheduler_interval},
            name="scheduler",
            daemon=True,
        )
        scheduler.start()
        try:
            return self.tasks_run(*args, **options)
        finally:
            # A scheduled job under way finishes before the process ends.
            stop.set()
            scheduler.join(timeout=60)

    def tasks_run(self, *args, **options) -> None:
        failures = 0
        while True:
            started = time.monotonic()
            try:
                tasks_orphaned_requeue()
                if self.thread_worker is not None:
                    self.configure_logging(options["verbosity"])
                    return self.thread_worker.run()
                return super().handle(*args, **options)
            except DatabaseError as error:
                if time.monotonic() - started >= HEALTHY_RUN_SECONDS:
                    failures = 0
                failures += 1
                pause = worker_pause(failures)
                # One line per attempt, no traceback: the outage is the database's, not ours.
                logger.warning(
                    "The database is unavailable (%s); trying again in %.0f s.",
                    str(error).strip().splitlines()[0] if str(error).strip() else type(error),
                    pause,
                )
                connections.close_all()
                time.sleep(pause)
