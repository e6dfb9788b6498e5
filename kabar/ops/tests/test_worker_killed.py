"""A task worker killed mid-task, for real: the next worker on the machine puts the task back
and runs it to the end, once."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .servers import BASE_DIR, alive, manage_shell, port_free, server_env

pytestmark = pytest.mark.slow

TASK_ENQUEUE = (
    "from kabar.ops.tests.tasks import task_held_until_released as t; "
    "print(t.enqueue({folder!r}).id)"
)
TASK_STATUS = (
    "from django_tasks_db.models import DBTaskResult as R; "
    "r = R.objects.get(pk={id!r}); print(r.status, len(r.worker_ids))"
)


class Shell:
    """What manage_shell needs of a server: its environment."""

    def __init__(self, env):
        self.env = env


def worker_start(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def held_task_queue(tmp_path) -> tuple[dict[str, str], Shell, Path, str]:
    """A migrated database of its own with task_held_until_released queued: its environment,
    a shell on it, the task's folder and the task's id."""
    env = server_env(tmp_path / "data", port_free())
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    shell = Shell(env)
    work = tmp_path / "work"
    work.mkdir()
    return env, shell, work, manage_shell(shell, TASK_ENQUEUE.format(folder=str(work)))


def test_a_task_whose_worker_is_killed_runs_to_the_end_once(tmp_path):
    env, shell, work, task_id = held_task_queue(tmp_path)
    runs = work / "runs"

    first = worker_start(env)
    try:
        wait_for(lambda: runs.exists(), seconds=120, what="the first worker to take the task")
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        if first.poll() is None:
            first.kill()
    assert not alive(first.pid)
    assert manage_shell(shell, TASK_STATUS.format(id=task_id)) == "RUNNING 1"

    second = worker_start(env)
    try:
        wait_for(
            lambda: runs.read_text().count("start") == 2,
            seconds=120,
            what="the second worker to take the task back",
        )
        (work / "release").touch()
        wait_for(
            lambda: manage_shell(shell, TASK_STATUS.format(id=task_id)).startswith("SUCCESSFUL"),
            seconds=60,
            what="the task to succeed",
        )
    finally:
        second.kill()
        second.wait()
    # Begun twice (the first run was cut off), finished once.
    assert runs.read_text().splitlines() == ["start", "start", "done"]
    assert manage_shell(shell, TASK_STATUS.format(id=task_id)) == "SUCCESSFUL 2"
