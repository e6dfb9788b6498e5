"""Bot traps shared by the public forms (comments, complaints): rate limits and a signed start time.

A honeypot field plus a signed "form handed out at" time stops most bots without a captcha
(no third-party script); a per-key counter in the cache stops floods.
"""

import time

from django.core import signing
from django.core.cache import cache


def rate_limit_hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt for `key`; True when it is over `limit` within `window` seconds."""
    if not key or limit <= 0:
        return False
    cache_key = f"rate:{scope}:{key.lower()}"
    # add() starts the window only if none is running; incr() is atomic in Redis and locmem.
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count > limit


class FormStartError(Exception):
    """The signed start time is missing, altered or expired ("expired"), or too recent."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def form_started_issue(*, salt: str, subject) -> str:
    """A signed token saying when a form about `subject` was handed out."""
    return signing.dumps([subject, int(time.time())], salt=salt)


def form_started_check(token: str, *, salt: str, min_seconds: float, max_age: int):
    """The subject of a genuine token at least `min_seconds` old; raise FormStartError if not."""
    try:
        subject, started = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise FormStartError("expired") from exc
    if time.time() - started < min_seconds:
        raise FormStartError("too_fast")
    return subject
