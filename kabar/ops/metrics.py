"""Prometheus metrics: what each request cost, and the state of what the site depends on.

Counted per request by the WSGI wrapper (kabar.ops.request_context), page-cache fast hits
included: requests and their duration by view and status, and the page cache's answers. Read
when scraped: whether the database, the caches, the task worker and the scheduler are up
(kabar.ops.health), and how many tasks wait in each queue. prometheus_client rather than
django-prometheus: the latter adds two middlewares and a dozen metrics to every request and
never sees the pages answered before Django's handler. In multiprocess mode (the web servers,
kabar.ops.metrics_dir) each process writes to its own files and a scrape adds them up.
"""

import os

from django.db import DatabaseError
from django.db.models import Count
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from .health import readiness

__all__ = ["CONTENT_TYPE_LATEST", "exposition", "request_observe"]

REQUESTS = Histogram(
    "kabar_http_request_duration_seconds",
    "Time from the request reaching the application to its answer being ready.",
    ["view", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
PAGE_CACHE = Counter(
    "kabar_page_cache_answers",
    "Answers of Kabar's page cache, by its X-Cache status (hit, miss, stale, ...).",
    ["result"],
)

# The labelled children, looked up once: prometheus_client's labels() takes a lock and builds
# its key on each call, a measurable part of a cached page's cost.
_request_children: dict[tuple[str, str], Histogram] = {}
_cache_children: dict[str, Counter] = {}


def request_observe(*, view: str, status: str, seconds: float, cache: str) -> None:
    """Count one answered request; `cache` is its X-Cache value, or "" when it has none."""
    key = (view, status)
    child = _request_children.get(key)
    if child is None:
        child = _request_children[key] = REQUESTS.labels(view, status)
    child.observe(seconds)
    if cache:
        counter = _cache_children.get(cache)
        if counter is None:
            counter = _cache_children[cache] = PAGE_CACHE.labels(cache.lower())
        counter.inc()


class StateCollector:
    """Gauges computed when scraped: availability of what serving needs, and queue depths."""

    def collect(self):
        up = GaugeMetricFamily(
            "kabar_up",
            "1 when the part answers (as /readyz checks it), 0 when not.",
            labels=["check"],
        )
        try:
            checks = [(check.name, check.ok) for check in readiness()]
        except DatabaseError:  # a database that answers, but without Kabar's tables
            checks = [("database", False)]
        for name, ok in checks:
            up.add_metric([name], 1 if ok else 0)
        yield up
        depth = GaugeMetricFamily(
            "kabar_task_queue_depth", "Background tasks waiting to run.", labels=["queue"]
        )
        for queue, count in tasks_waiting():
            depth.add_metric([queue], count)
        yield depth


def tasks_waiting() -> list[tuple[str, int]]:
    """(queue, tasks ready to run) from the database queue; nothing when it is unreadable."""
    from django_tasks_db.models import DBTaskResult

    try:
        rows = DBTaskResult.objects.ready().values("queue_name").annotate(count=Count("id"))
        return sorted((row["queue_name"], row["count"]) for row in rows)
    except DatabaseError:
        return []


def exposition() -> bytes:
    """The text Prometheus scrapes: every process's counts, then the state gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counts = CollectorRegistry()
        MultiProcessCollector(counts)
    else:
        counts = REGISTRY
    state = CollectorRegistry(auto_describe=False)
    state.register(StateCollector())
    return generate_latest(counts) + generate_latest(state)
