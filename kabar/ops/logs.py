"""Structured logs: the request id and the running task carried by every log line.

The id comes from the proxy in front (Varnish's or nginx's `X-Request-ID`) when it is a sane
token, and is made here otherwise; the WSGI wrapper (kabar.ops.request_context) keeps it in a
context variable for the request's thread, so any logger anywhere reaches it without being
handed the request. The task worker does the same with the task it runs.
With LOG_FORMAT=json (settings) each line is one JSON object carrying them.
"""

import contextvars
import logging
import os
import re

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
task_var: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar(
    "task", default=None
)

# Varnish's transaction ids are decimal, nginx's $request_id is 32 hex digits, other proxies
# send UUIDs: letters, digits and a few separators, never longer than this. Anything else (a
# header a reader forged to break log parsers, or to fill the logs) is replaced.
REQUEST_ID_MAX_LENGTH = 64
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")


def request_id_from(header: str | None) -> str:
    """The id of a request: the proxy's when it is a sane token, a new random one otherwise."""
    if (
        header
        and len(header) <= REQUEST_ID_MAX_LENGTH
        and REQUEST_ID_PATTERN.fullmatch(header) is not None
    ):
        return header
    return os.urandom(16).hex()


def task_log_start(sender, task_result, **kwargs) -> None:
    """django-tasks' task_started: the lines logged from here on name the task."""
    task_var.set((task_result.task.module_path, str(task_result.id)))


def task_log_end(sender, task_result, **kwargs) -> None:
    """django-tasks' task_finished: the task's lines end here (its own last line included)."""
    task_var.set(None)


class ContextFilter(logging.Filter):
    """Adds `request_id`, or `task_name` and `task_id`, to a record when there are any."""

    def filter(self, record: logging.LogRecord) -> bool:
        if request_id := request_id_var.get():
            record.request_id = request_id
        if task := task_var.get():
            record.task_name, record.task_id = task
        return True
