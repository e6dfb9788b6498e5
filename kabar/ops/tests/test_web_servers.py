"""Which web server `manage.py serve` starts (WEB_SERVER), and granian's settings."""

import socket

import pytest
from django.core.management.base import CommandError

from kabar.ops.granian_serve import address_taken, fork_argv, settings_from_environment
from kabar.ops.management.commands.serve import (
    stack_children,
    web_server_argv,
    web_server_chosen,
)


def test_granian_is_the_default_and_gunicorn_stays_selectable(monkeypatch):
    monkeypatch.delenv("WEB_SERVER", raising=False)
    assert web_server_chosen() == "granian"
    assert web_server_argv("granian")[1:] == ["-m", "kabar.ops.granian_serve"]
    monkeypatch.setenv("WEB_SERVER", "Gunicorn")
    assert web_server_chosen() == "gunicorn"
    assert web_server_argv("gunicorn")[1:3] == ["-m", "gunicorn"]
    assert web_server_argv("gunicorn")[-1].endswith("kabar/ops/gunicorn.conf.py")


def test_granian_forks_the_task_worker_and_gunicorn_gets_one_of_its_own():
    # Forked from granian's warmed master, the task worker shares its memory (task_fork.py).
    children = stack_children("granian", scheduler_interval=30)
    assert list(children) == ["granian"]
    worker = ["worker", "--no-reload", "--queue-name", "*", "--scheduler-interval", "30"]
    assert children["granian"] == [*web_server_argv("granian"), "--fork", *worker]
    assert fork_argv(children["granian"][3:]) == worker
    assert fork_argv([]) == []
    # Gunicorn's master reaps every child it has: the supervisor starts the task worker.
    children = stack_children("gunicorn", scheduler_interval=2.5)
    assert list(children) == ["gunicorn", "worker"]
    assert children["worker"][1].endswith("manage.py")
    assert children["worker"][2:] == [*worker[:-1], "2.5"]


def test_an_unknown_web_server_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("WEB_SERVER", "uwsgi")
    with pytest.raises(CommandError, match="WEB_SERVER must be one of granian, gunicorn"):
        web_server_chosen()


def test_granian_reads_the_same_variables_as_gunicorn():
    options = settings_from_environment(
        {"HOST": "[::1]", "PORT": "8131", "WEB_CONCURRENCY": "3", "GUNICORN_THREADS": "6"}
    )
    assert (options["address"], options["port"]) == ("::1", 8131)
    assert (options["workers"], options["blocking_threads"]) == (3, 6)
    assert options["interface"] == "wsgi" and options["respawn_failed_workers"] is True
    assert options["log_access"] is False
    assert options["log_level"] == "warning"  # start-up lines would bury make run's banner
    assert settings_from_environment({"WEB_THREADS": "2"})["blocking_threads"] == 2


def test_granian_refuses_a_port_someone_listens_on_even_with_reuse_port():
    with socket.socket() as other:
        # As another granian binds: SO_REUSEPORT would let granian share the port silently.
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        assert address_taken("127.0.0.1", port)
    assert address_taken("127.0.0.1", port) == ""
