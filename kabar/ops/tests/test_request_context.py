"""Request ids, the access line and task names in the logs (kabar.ops.logs,
kabar.ops.request_context), through the WSGI application the web servers run."""

import io
import json
import logging
import sys
from unittest import mock

import pytest
from django.test import RequestFactory
from pythonjsonlogger.json import JsonFormatter

from kabar import wsgi
from kabar.core.tests.test_settings import settings_import
from kabar.ops import logs
from kabar.ops.management.commands import worker
from kabar.ops.tests import tasks


def wsgi_get(path: str, **headers) -> tuple[str, list[tuple[str, str]], bytes]:
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", **headers)
    environ.update({"wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr})
    sent = {}

    def start_response(status, headers, exc_info=None):
        sent["status"], sent["headers"] = status, headers

    result = wsgi.application(environ, start_response)
    body = b"".join(result)
    getattr(result, "close", lambda: None)()
    return sent["status"], sent["headers"], body


def ids_of(headers) -> list[str]:
    return [value for name, value in headers if name == "X-Request-ID"]


@pytest.mark.parametrize("sent", ["32770", "a3f0c9e2b1d84c7f9e6a5b4c3d2e1f00", "req-1.2:3_x"])
def test_a_sane_id_from_the_proxy_is_kept(sent):
    assert logs.request_id_from(sent) == sent


@pytest.mark.parametrize(
    "sent", [None, "", "x" * 65, "two words", "-starts-with-a-dash", 'a"b', "é", "a\nb"]
)
def test_anything_else_is_replaced_by_a_new_random_id(sent):
    made = logs.request_id_from(sent)
    assert made != sent and len(made) == 32 and int(made, 16) >= 0
    assert logs.request_id_from(sent) != made


@pytest.mark.django_db
@pytest.mark.usefixtures("connections_kept")
def test_the_proxys_id_comes_back_and_is_on_every_line_logged_meanwhile(home, caplog):
    caplog.set_level(logging.INFO, logger="kabar.access")
    _status, headers, _body = wsgi_get("/", HTTP_X_REQUEST_ID="varnish-42")
    assert ids_of(headers) == ["varnish-42"]
    access = [r for r in caplog.records if r.name == "kabar.access"]
    assert len(access) == 1
    line = access[0]
    assert (line.request_id, line.method, line.path, line.status) == ("varnish-42", "GET", "/", 200)
    assert line.duration_ms > 0 and line.view == "wagtail_serve"
    # Outside the request no line carries it.
    assert logs.request_id_var.get() == ""


@pytest.mark.django_db
@pytest.mark.usefixtures("connections_kept")
def test_a_forged_id_is_replaced_and_the_new_one_returned(home):
    _status, headers, _body = wsgi_get("/", HTTP_X_REQUEST_ID="<script>" * 3)
    (made,) = ids_of(headers)
    assert len(made) == 32 and "<" not in made


@pytest.mark.django_db
@pytest.mark.usefixtures("connections_kept", "page_cache_on")
def test_pages_answered_in_front_of_django_carry_their_own_id(article, caplog):
    caplog.set_level(logging.INFO, logger="kabar.access")
    wsgi_get(article.url, HTTP_X_REQUEST_ID="first")  # rendered, and kept by the fast path
    wsgi_get(article.url, HTTP_X_REQUEST_ID="second")
    _status, headers, _body = wsgi_get(article.url, HTTP_X_REQUEST_ID="third")

    assert ("X-Cache", "HIT") in headers
    assert ids_of(headers) == ["third"]  # never the id of the request whose answer was kept
    # Logged by nginx and Varnish; by the app only when asked (ACCESS_LOG_HITS).
    lines = [(r.request_id, r.view, r.cache) for r in caplog.records if r.name == "kabar.access"]
    assert lines == [("first", "wagtail_serve", "MISS")]

    caplog.set_level(logging.INFO, logger="kabar.access.hits")
    wsgi_get(article.url, HTTP_X_REQUEST_ID="fourth")
    hits = [(r.request_id, r.view) for r in caplog.records if r.name == "kabar.access.hits"]
    assert hits == [("fourth", "page_cache")]


@pytest.mark.django_db
@pytest.mark.usefixtures("connections_kept")
def test_no_access_line_unless_asked_for(home, caplog):
    caplog.set_level(logging.WARNING, logger="kabar.access")
    wsgi_get("/")
    assert not [r for r in caplog.records if r.name == "kabar.access"]


def test_a_json_line_carries_the_request_id_and_the_fields_given():
    handler = logging.StreamHandler(stream := io.StringIO())
    handler.addFilter(logs.ContextFilter())
    handler.setFormatter(
        JsonFormatter(
            ["levelname", "name", "message"],
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
        )
    )
    logger = logging.getLogger("kabar.tests.json")
    logger.addHandler(handler)
    token = logs.request_id_var.set("abc123")
    try:
        logger.warning("Slow page %s", "/x/", extra={"duration_ms": 812.5})
    finally:
        logs.request_id_var.reset(token)
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["level"] == "WARNING" and line["logger"] == "kabar.tests.json"
    assert line["message"] == "Slow page /x/" and line["duration_ms"] == 812.5
    assert line["request_id"] == "abc123" and line["time"]


def test_the_worker_names_the_task_on_every_line_it_logs_while_running_it(caplog):
    with mock.patch.object(worker.Command, "tasks_run"):
        worker.Command().handle()  # connects the task signals, then would work the queue
    # Test settings run a task at once, sending the same signals the database worker sends.
    result = tasks.task_that_logs.enqueue()

    record = next(r for r in caplog.records if r.getMessage() == "a line from inside the task")
    logs.ContextFilter().filter(record)
    assert (record.task_name, record.task_id) == (
        "kabar.ops.tests.tasks.task_that_logs",
        str(result.id),
    )
    assert logs.task_var.get() is None


def test_json_logs_and_the_access_line_are_switched_on_by_the_environment(tmp_path):
    done = settings_import("kabar.settings.base", {"LOG_FORMAT": "json"}, tmp_path, "s.LOGGING")
    config = json.loads(done.stdout)
    assert config["handlers"]["console"]["formatter"] == "json"
    assert config["handlers"]["console"]["filters"] == ["context"]
    assert config["loggers"]["kabar.access"]["level"] == "INFO"
    assert config["loggers"]["kabar.access.hits"]["level"] == "WARNING"
    plain = json.loads(settings_import("kabar.settings.base", {}, tmp_path, "s.LOGGING").stdout)
    assert "formatter" not in plain["handlers"]["console"]
    assert plain["loggers"]["kabar.access"]["level"] == "WARNING"


def test_an_unknown_log_format_is_refused(tmp_path):
    done = settings_import("kabar.settings.base", {"LOG_FORMAT": "xml"}, tmp_path)
    assert done.returncode != 0 and "LOG_FORMAT='xml': use plain or json." in done.stderr
