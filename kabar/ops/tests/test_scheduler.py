"""The scheduler runs each SCHEDULED_COMMANDS command every round, whatever another one does."""

import threading

from kabar.ops import runner


def test_each_scheduled_command_runs_even_after_one_fails(settings, monkeypatch):
    settings.SCHEDULED_COMMANDS = ["publish_scheduled", "complaints_overdue_notify"]
    stop, ran = threading.Event(), []

    def call_command(name, **kwargs):
        ran.append(name)
        if name == "publish_scheduled":
            raise RuntimeError("database is locked")
        stop.set()  # one round is enough

    monkeypatch.setattr(runner, "call_command", call_command)
    runner.scheduler_run(stop=stop, interval=0.01)
    assert ran == ["publish_scheduled", "complaints_overdue_notify"]
