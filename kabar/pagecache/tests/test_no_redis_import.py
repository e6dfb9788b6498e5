"""The embedded default's page cache leaves the redis package unimported (~25 MiB a process)."""

import json
import subprocess
import sys

from django.conf import settings

IMPORTS = """
import json, sys
import kabar.pagecache.filecache
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "redis")))
"""


def test_the_file_cache_imports_no_redis():
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


def test_the_redis_backend_is_still_found_where_the_settings_name_it():
    from django.utils.module_loading import import_string
    from redis.exceptions import RedisError

    backend = import_string("kabar.pagecache.resilient.ResilientRedisCache")
    assert backend.failures == (RedisError,)
