"""A task for the worker tests: it notes its start, waits for a release file, notes its end."""

import logging
import time
from pathlib import Path

from django_tasks import task


@task()
def task_held_until_released(folder: str) -> None:
    folder_path = Path(folder)
    with (folder_path / "runs").open("a") as runs:
        runs.write("start\n")
    while not (folder_path / "release").exists():
        time.sleep(0.1)
    with (folder_path / "runs").open("a") as runs:
        runs.write("done\n")


@task()
def task_that_logs() -> None:
    logging.getLogger("kabar.ops.tests.tasks").warning("a line from inside the task")
