"""The Redis cache backend that degrades instead of failing (resilient.py), in a module of its
own so that the redis package is imported only where Redis is configured."""

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .resilient import TIMEOUT_OPTIONS, DegradingCacheMixin


class ResilientRedisCache(DegradingCacheMixin, RedisCache):
    failures = (RedisError,)

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**TIMEOUT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
