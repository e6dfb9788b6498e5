"""manage.py worker: django-tasks' database worker, quiet about the tasks that succeed."""

import logging

from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import logger as worker_logger


class Command(DBWorkerCommand):
    help = (
        "Run background tasks from the database, as db_worker does, printing only warnings and "
        "failures at the default verbosity (-v 2 prints every task)."
    )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if verbosity == 1:
            # Two lines per task bury `manage.py serve`'s address and admin login.
            for logger in (logging.getLogger(TASKS_LOGGER), worker_logger):
                logger.setLevel(logging.WARNING)
