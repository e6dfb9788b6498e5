"""Liveness and readiness: what `/healthz` and `/readyz` report.

Liveness touches nothing outside the process. Readiness checks what serving needs (the
database: without it only cached pages can be served) and what keeps the site current (the
cache, the task worker and the scheduler, each through the time it last showed it was alive).
"""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import Heartbeat

SCHEDULER = "scheduler"
WORKER = "worker"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = False


def heartbeat_record(name: str) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def heartbeat_max_age() -> datetime.timedelta:
    """How old a beat may be: three scheduler rounds, and never under two minutes."""
    return datetime.timedelta(seconds=max(120, 3 * settings.SCHEDULER_INTERVAL))


def database_check() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Check("database", False, type(error).__name__, required=True)
    return Check("database", True, connection.vendor, required=True)


def cache_check(alias: str) -> Check:
    """A round trip through the cache; a degraded cache answers, but forgets at once."""
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache = caches[alias]
    cache.set(key, value, timeout=10)
    ok = cache.get(key) == value
    cache.delete(key)
    return Check(f"cache:{alias}", ok, "round trip" if ok else "unavailable, serving without it")


def heartbeat_checks(*, database_ok: bool) -> list[Check]:
    if not database_ok:
        return [Check(name, False, "database unavailable") for name in (SCHEDULER, WORKER)]
    beats = dict(Heartbeat.objects.values_list("name", "beat_at"))
    now, max_age = timezone.now(), heartbeat_max_age()
    checks = []
    for name in (SCHEDULER, WORKER):
        beat_at = beats.get(name)
        if beat_at is None:
            checks.append(Check(name, False, "never seen"))
        else:
            age = int((now - beat_at).total_seconds())
            checks.append(Check(name, now - beat_at <= max_age, f"last seen {age} s ago"))
    return checks


def readiness() -> list[Check]:
    database = database_check()
    return [
        database,
        cache_check("default"),
        cache_check(settings.PAGE_CACHE_ALIAS),
        *heartbeat_checks(database_ok=database.ok),
    ]
