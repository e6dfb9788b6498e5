"""Counters that every process must share, whatever the default cache is.

allauth counts reader sign-in attempts in Django's default cache, which on the embedded default
is each process's own memory: each gunicorn worker would allow the whole limit again. Its rate
limiter reads the module-level name `cache`, so pointing that name at the shared alias (the
database table, or Redis when configured) makes every process count on the same entry.
"""

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy


def reader_sign_in_limits_share() -> None:
    from allauth.core.internal import ratelimit

    ratelimit.cache = ConnectionProxy(caches, settings.SHARED_CACHE_ALIAS)
