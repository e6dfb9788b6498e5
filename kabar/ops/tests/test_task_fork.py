"""The task worker forked from the web server's master (kabar/ops/task_fork.py): kept running,
stopped with one SIGTERM, gone with the master. Real forks of the test process, each running a
stand-in for `manage.py worker` that records what happens to it in a file."""

import os
import signal
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from kabar.ops import task_fork
from kabar.ops.task_fork import TaskKeeper

from .servers import alive


def lines_wait(path: Path, count: int, *, timeout: float = 30) -> list[str]:
    """The first `count` lines of `path`, once it has them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = path.read_text().splitlines() if path.exists() else []
        if len(lines) >= count:
            return lines
        time.sleep(0.05)
    pytest.fail(f"{path} has {path.read_text() if path.exists() else 'nothing'}")


def gone_wait(pids, *, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(pid) for pid in pids)


def note(path: Path, text: str) -> None:
    with path.open("a") as file:
        file.write(text + "\n")


def waits_forever(path: Path) -> None:
    """A task worker that records its process id, then waits for a signal to end it."""
    note(path, str(os.getpid()))
    while True:
        signal.pause()


def finishes_its_task(path: Path) -> int:
    """A task worker that, asked to stop, finishes the task under way first, as django-tasks'
    worker does (a second signal would abandon it)."""
    asked = []

    def on_term(signum, frame):
        asked.append(signum)
        note(path, f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    note(path, str(os.getpid()))
    while not asked:
        time.sleep(0.05)
    time.sleep(0.5)  # the rest of the task
    note(path, "task finished")
    return 0


def test_the_task_worker_is_started_again_when_it_dies(tmp_path, monkeypatch):
    monkeypatch.setattr(task_fork, "STARTUP_SECONDS", 0)  # past start-up at once
    log = tmp_path / "workers"
    keeper = TaskKeeper(partial(waits_forever, log)).start()
    try:
        first = int(lines_wait(log, 1)[0])
        # Named for `ps` and `make bench`, in a process group of its own (no Ctrl-C reaches it).
        assert Path(f"/proc/{first}/comm").read_text().strip() == "task-worker"
        assert Path(f"/proc/{keeper.pid}/comm").read_text().strip() == "task-keeper"
        assert os.getpgid(first) == first != os.getpgid(keeper.pid)

        os.kill(first, signal.SIGKILL)
        second = int(lines_wait(log, 2)[1])
        assert second != first and alive(second)
        assert keeper.code is None  # the keeper carries on
    finally:
        keeper.stop()
    assert keeper.code == 0 and not keeper.failed
    assert gone_wait([second])


def test_stopping_sends_one_sigterm_and_waits_for_the_task(tmp_path):
    log = tmp_path / "worker"
    keeper = TaskKeeper(partial(finishes_its_task, log)).start()
    worker = int(lines_wait(log, 1)[0])
    # Ctrl-C in the terminal reaches the keeper (it is in the web server's group): it waits for
    # the master to stop it, instead of signalling the task worker a second time.
    os.kill(keeper.pid, signal.SIGINT)
    time.sleep(0.3)
    assert alive(keeper.pid) and alive(worker)

    keeper.stop()
    assert log.read_text().splitlines()[1:] == [f"signal {signal.SIGTERM}", "task finished"]
    assert keeper.code == 0 and not keeper.failed
    assert gone_wait([worker, keeper.pid])


def test_a_task_worker_that_cannot_start_ends_the_keeper_and_tells_the_master():
    ended = threading.Event()
    codes = []

    def on_exit(code):
        codes.append(code)
        ended.set()

    keeper = TaskKeeper(lambda: 3).start(on_exit=on_exit)
    assert ended.wait(30)
    assert codes == [3] and keeper.failed
    keeper.stop()  # nothing left to stop


def a_master(path: Path) -> None:
    """A web server master: forks the keeper, then serves until killed."""
    TaskKeeper(partial(waits_forever, path)).start()
    while True:
        signal.pause()


def test_the_keeper_and_the_task_worker_die_with_the_master(tmp_path):
    log = tmp_path / "worker"
    master = os.fork()
    if not master:
        task_fork.forked_run(a_master, log)
    try:
        worker = int(lines_wait(log, 1)[0])
        keeper = int(Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[1])
        assert keeper != master and alive(keeper)
    finally:
        os.kill(master, signal.SIGKILL)
        os.waitpid(master, 0)
    assert gone_wait([keeper, worker])
