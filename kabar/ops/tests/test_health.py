"""/healthz and /readyz: what load balancers and monitoring are told."""

import datetime
import threading
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from freezegun import freeze_time

from kabar.ops import health, runner
from kabar.ops.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_background_processes_never_seen(client):
    response = client.get("/readyz")
    assert response.status_code == 200  # the site can serve; it is not current
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache:default"]["ok"] is True
    assert body["checks"]["scheduler"] == {"ok": False, "detail": "never seen"}
    assert body["checks"]["worker"] == {"ok": False, "detail": "never seen"}


def test_one_scheduler_round_makes_both_heartbeats(client):
    stop = threading.Event()
    with (
        mock.patch.object(runner, "call_command", side_effect=lambda *a, **k: stop.set()),
        mock.patch.object(runner.connections, "close_all"),  # the test's own connection stays
    ):
        runner.scheduler_run(stop=stop, interval=0)
    # Tasks run at once under the test settings, as the worker would run this one.
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {"scheduler", "worker"}
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["checks"]["scheduler"]["ok"] and body["checks"]["worker"]["ok"]


def test_a_stale_heartbeat_is_reported(client, settings):
    settings.SCHEDULER_INTERVAL = 30
    health.heartbeat_record(health.SCHEDULER)
    health.heartbeat_record(health.WORKER)
    with freeze_time(timezone.now() + datetime.timedelta(minutes=3)):
        body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["scheduler"] == {"ok": False, "detail": "last seen 180 s ago"}


def test_readyz_is_503_when_the_database_is_down(client):
    with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": False, "detail": "OperationalError"}
    assert body["checks"]["worker"]["detail"] == "database unavailable"


def test_the_scheduler_backs_off_while_its_rounds_fail():
    assert runner.scheduler_pause(30, failures=0) == 30
    assert [runner.scheduler_pause(30, failures=n) for n in (1, 2, 3, 4, 5)] == [
        30,
        60,
        120,
        240,
        runner.SCHEDULER_MAX_PAUSE_SECONDS,
    ]


def test_a_failing_round_does_not_end_the_scheduler():
    stop, rounds = threading.Event(), []

    def publish(command, *args, **kwargs):
        if command != "publish_scheduled":
            return  # the other SCHEDULED_COMMANDS
        rounds.append(1)
        if len(rounds) == 1:
            raise OperationalError("database is away")
        stop.set()

    with (
        mock.patch.object(runner, "call_command", side_effect=publish),
        mock.patch.object(runner.connections, "close_all"),
        mock.patch.object(runner, "scheduler_pause", return_value=0),
    ):
        runner.scheduler_run(stop=stop, interval=0)
    assert len(rounds) == 2
    assert list(Heartbeat.objects.values_list("name", flat=True).order_by("name")) == [
        "scheduler",
        "worker",
    ]


def test_a_child_that_dies_again_soon_waits_longer_each_time():
    child = runner.Child(name="worker", argv=[], env={}, cwd=None)
    child.started_at = 100.0
    pauses = []
    for _ in range(8):
        child.pause = runner.child_restart_pause(child, now=child.started_at + 1)
        pauses.append(child.pause)
    assert pauses == [1, 2, 4, 8, 16, 32, 60, 60]
    # After running a while, the next death starts from the first step again.
    assert runner.child_restart_pause(child, now=child.started_at + 61) == 1
