"""The scheduler runs every SCHEDULED_COMMANDS command each round, publishing first."""

import threading
from types import SimpleNamespace

from kabar.ops import runner


def test_each_scheduled_command_runs_in_order_every_round(settings, monkeypatch):
    settings.SCHEDULED_COMMANDS = ["publish_scheduled", "complaints_overdue_notify"]
    stop, ran = threading.Event(), []

    def call_command(name, **kwargs):
        ran.append(name)
        if len(ran) == 4:
            stop.set()  # two rounds are enough

    monkeypatch.setattr(runner, "call_command", call_command)
    monkeypatch.setattr(runner, "heartbeat_record", lambda name: None)
    monkeypatch.setattr(runner, "worker_heartbeat", SimpleNamespace(enqueue=lambda: None))
    runner.scheduler_run(stop=stop, interval=0.01)
    assert ran == ["publish_scheduled", "complaints_overdue_notify"] * 2
