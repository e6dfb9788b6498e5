"""The scheduler runs every SCHEDULED_COMMANDS command each round, publishing first, and
with several app nodes (each with its scheduler) one of them runs each round."""

import os
import threading
from types import SimpleNamespace

import pytest
from django.core.cache import caches

from kabar.ops import runner

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("no_rounds_yet")]


@pytest.fixture
def no_rounds_yet(settings):
    """The round lock and the last round's end live in the shared cache, not in the tables
    the test database empties between tests."""
    shared = caches[settings.SHARED_CACHE_ALIAS]
    shared.delete_many([runner.ROUND_LOCK_KEY, runner.LAST_ROUND_KEY])


@pytest.fixture
def quiet(monkeypatch):
    monkeypatch.setattr(runner, "heartbeat_record", lambda name: None)
    monkeypatch.setattr(runner, "worker_heartbeat", SimpleNamespace(enqueue=lambda: None))
    monkeypatch.setattr(runner, "wire_polls_queue", lambda: None)


def test_each_scheduled_command_runs_in_order_every_round(settings, monkeypatch, quiet):
    settings.SCHEDULED_COMMANDS = ["publish_scheduled", "complaints_overdue_notify"]
    stop, ran = threading.Event(), []

    def call_command(name, **kwargs):
        ran.append(name)
        if len(ran) == 4:
            stop.set()  # two rounds are enough

    monkeypatch.setattr(runner, "call_command", call_command)
    runner.scheduler_run(stop=stop, interval=0.01)
    assert ran == ["publish_scheduled", "complaints_overdue_notify"] * 2


def test_two_nodes_schedulers_racing_run_each_round_once(settings, monkeypatch, quiet):
    settings.SCHEDULED_COMMANDS = ["publish_scheduled"]
    interval, seconds = 0.2, 2.0
    rounds, inside, overlaps = [], [], []
    guard = threading.Lock()

    def call_command(name, **kwargs):
        with guard:
            if inside:
                overlaps.append(name)
            inside.append(name)
        threading.Event().wait(0.05)  # a round takes a while
        with guard:
            inside.remove(name)
            rounds.append(name)

    monkeypatch.setattr(runner, "call_command", call_command)
    stop = threading.Event()
    nodes = [
        threading.Thread(target=runner.scheduler_run, kwargs={"stop": stop, "interval": interval})
        for _node in range(2)
    ]
    for node in nodes:
        node.start()
    stop.wait(seconds)
    stop.set()
    for node in nodes:
        node.join(timeout=10)
    assert not overlaps
    # One node alone would run about seconds / (interval + 0.05) rounds; two nodes, not more.
    assert 3 <= len(rounds) <= seconds / (interval / 2) + 1


def test_a_claimed_round_is_refused_until_done_and_then_for_half_an_interval():
    assert runner.scheduler_round_claim(30)
    assert not runner.scheduler_round_claim(30)  # another node's round is running
    runner.scheduler_round_done()
    assert not runner.scheduler_round_claim(30)  # it has only just ended
    assert runner.scheduler_round_claim(0)


def test_each_round_hands_back_a_task_whose_worker_died_since(monkeypatch, quiet):
    # The task worker of a web worker replaced mid-task (kabar/ops/task_thread.py) is gone, and
    # no worker starts again on this machine to requeue it at start-up.
    import socket

    from django.utils import timezone
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    host = socket.gethostname()[:40]
    fields = {
        "args_kwargs": {"args": [], "kwargs": {}},
        "task_path": "kabar.ops.tasks.worker_heartbeat",
        "backend_name": "default",
        "run_after": timezone.now(),
        "started_at": timezone.now(),
        "status": TaskResultStatus.RUNNING,
    }
    dead = DBTaskResult.objects.create(**fields, worker_ids=[f"{host}:999999999"])
    alive = DBTaskResult.objects.create(**fields, worker_ids=[f"{host}:{os.getpid()}"])
    stop = threading.Event()
    monkeypatch.setattr(runner, "call_command", lambda name, **kwargs: stop.set())
    runner.scheduler_run(stop=stop, interval=0.01)
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == TaskResultStatus.READY and dead.started_at is None
    assert alive.status == TaskResultStatus.RUNNING
