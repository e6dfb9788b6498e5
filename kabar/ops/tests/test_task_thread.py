"""The task worker as a thread of the web worker process (kabar/ops/task_thread.py), for real: a
process that runs it and then ends its main thread, as a granian worker does when it is asked to
stop, waits for the task under way and only then exits."""

import signal
import subprocess
import sys

import pytest

from kabar.ops.granian_serve import task_mode
from kabar.ops.management.commands.worker import ThreadWorker

from .servers import BASE_DIR, manage_shell
from .test_worker_killed import TASK_STATUS, held_task_queue, wait_for

# A stand-in for a granian worker: the task worker's thread starts, the main thread serves
# until told to stop (the file "stop" appears), then returns.
WEB_WORKER = """
import pathlib, sys, time
import django
django.setup()
from kabar.ops.task_thread import tasks_thread_start
tasks_thread_start(["worker", "--no-reload", "--queue-name", "*", "--interval", "0.2",
                    "--no-startup-delay"])
stop = pathlib.Path(sys.argv[1]) / "stop"
while not stop.exists():
    time.sleep(0.1)
print("main thread done", flush=True)
"""


@pytest.mark.slow
def test_the_process_ends_once_the_task_under_way_is_done(tmp_path):
    env, shell, work, task_id = held_task_queue(tmp_path)
    runs = work / "runs"

    process = subprocess.Popen(
        [sys.executable, "-c", WEB_WORKER, str(work)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: runs.exists(), seconds=120, what="the thread to take the task")
        (work / "stop").touch()
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=2)  # the main thread is done; the task is not
        (work / "release").touch()
        output = process.communicate(timeout=60)[0]
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "main thread done" in output
    assert runs.read_text().splitlines() == ["start", "done"]
    assert manage_shell(shell, TASK_STATUS.format(id=task_id)) == "SUCCESSFUL 1"


def test_the_task_worker_runs_in_the_only_web_worker_unless_told_otherwise():
    assert task_mode(1, env={}) == "thread"
    assert task_mode(2, env={}) == "process"
    assert task_mode(1, env={"TASK_WORKER": "process"}) == "process"
    assert task_mode(3, env={"TASK_WORKER": " Thread "}) == "thread"
    with pytest.raises(SystemExit, match="TASK_WORKER must be one of thread, process"):
        task_mode(1, env={"TASK_WORKER": "fiber"})


def test_a_thread_worker_stops_after_its_round_and_leaves_signals_alone():
    handler = signal.getsignal(signal.SIGTERM)
    worker = ThreadWorker.from_options(
        {
            "queue_name": "default,wire",
            "exclude_queues": "",
            "interval": 0.5,
            "batch": False,
            "backend_name": "default",
            "startup_delay": False,
            "max_tasks": None,
            "worker_id": "here:1",
        }
    )
    assert worker.queue_names == ["default", "wire"] and worker.excluded_queue_names == []
    worker.configure_signals()
    assert signal.getsignal(signal.SIGTERM) is handler
    assert worker.running and not worker.stopped.is_set()
    worker.stop()
    assert not worker.running and worker.stopped.is_set()
