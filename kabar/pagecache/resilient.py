"""Cache backends that degrade instead of failing when their storage goes away.

Every page read goes through the cache, so an unreachable Redis (or a full or unwritable disk
under the file cache) must not turn the site into 500s: while the cache is failing, reads miss,
writes are dropped and `add` succeeds (so whoever asked for a lock renders the page itself, as
if there were no cache). After a failure the cache is left alone for a few seconds instead of
being retried on every call, and the failure is logged once per interval, not once per request.
Everything returns to normal by itself.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)

# After a failure, how long calls skip Redis before one tries it again.
RETRY_SECONDS = 2.0
# At most one log line per this many seconds while Redis is failing.
LOG_INTERVAL_SECONDS = 60.0
# Without these, a Redis that stops answering (rather than refusing) would hang every request.
TIMEOUT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class Health:
    """How one storage (a Redis server, a folder) is doing, shared by every cache on it.

    Django makes a cache object per thread and alias; sharing this keeps one log line per
    process for an outage however many threads and aliases see it.
    """

    def __init__(self):
        self.down_until = 0.0
        self.logged_at = 0.0
        self.failures = 0
        self.lock = threading.Lock()

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_SECONDS
            self.failures += 1
            if self.logged_at and now - self.logged_at < LOG_INTERVAL_SECONDS:
                return
            self.logged_at = now
            failures = self.failures
        logger.error(
            "Cache unavailable (%s: %s); serving without it (%d failed call(s) so far).",
            type(error).__name__,
            error,
            failures,
        )

    def recovered(self) -> None:
        with self.lock:
            failures, self.failures, self.logged_at = self.failures, 0, 0.0
        if failures:
            logger.warning("Cache available again after %d failed call(s).", failures)


_health: dict[str, Health] = {}
_health_guard = threading.Lock()


class DegradingCacheMixin:
    """Put before a cache backend class; `failures` are the errors that mean "storage gone"."""

    failures: tuple[type[Exception], ...] = ()

    def __init__(self, server, params):
        with _health_guard:
            self._health = _health.setdefault(str(server), Health())
        super().__init__(server, params)

    def _call(self, name, default, *args, **kwargs):
        health = self._health
        if time.monotonic() < health.down_until:
            return default
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except self.failures as error:
            health.failed(error)
            return default
        if health.failures:
            health.recovered()
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, *args, **kwargs):
        return self._call("set", None, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", [], *args, **kwargs)

    def add(self, *args, **kwargs):
        # True: a lock asked of a cache that is down is granted, so nobody waits on it.
        return self._call("add", True, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", None, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        # As for a missing key: callers start a new count (and rate limits count from one).
        result = self._call("incr", None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found")
        return result

    def clear(self):
        return self._call("clear", None)


def __getattr__(name):
    # The Redis backend (settings: "kabar.pagecache.resilient.ResilientRedisCache") is imported
    # only when asked for: the redis package costs ~25 MiB a process, and the embedded default's
    # file cache (filecache.py, which needs this module) never uses it.
    if name == "ResilientRedisCache":
        from .resilient_redis import ResilientRedisCache

        return ResilientRedisCache
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
