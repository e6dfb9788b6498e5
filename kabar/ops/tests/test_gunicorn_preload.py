"""gunicorn preloads the application in its master: nothing opened there may reach a worker."""

import json
import os
import runpy
import subprocess
import sys

from .servers import BASE_DIR, INHERITED_OUT

# In a process of its own, as gunicorn's master: import the application, use the database and
# the caches as a request would, then run the conf's pre_fork hook.
MASTER = """
import json, runpy
import kabar.wsgi
from django.core.cache import caches
from django.db import connections
from wagtail.models import Site

Site.objects.count()
caches["pages"].get("x")
conf = runpy.run_path("kabar/ops/gunicorn.conf.py")
opened = [alias for alias in connections if connections[alias].connection is not None]
conf["pre_fork"](None, None)
print(json.dumps({
    "opened": opened,
    "still_open": [a for a in connections if connections[a].connection is not None],
}))
"""


def test_gunicorn_preloads_without_recycling_workers(monkeypatch):
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    conf = runpy.run_path(str(BASE_DIR / "kabar/ops/gunicorn.conf.py"))
    assert conf["preload_app"] is True
    assert conf["max_requests"] == 0


def test_recycling_when_asked_restarts_workers_at_spread_out_counts(monkeypatch):
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "10000")
    conf = runpy.run_path(str(BASE_DIR / "kabar/ops/gunicorn.conf.py"))
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (10000, 5000)


def test_pre_fork_closes_the_database_connections_the_master_opened(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_OUT}
    env.update(DJANGO_SETTINGS_MODULE="kabar.settings.base", KABAR_DATA_DIR=str(tmp_path))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    done = subprocess.run(
        [sys.executable, "-c", MASTER],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["opened"] == ["default"]  # the test would prove nothing otherwise
    assert result["still_open"] == []
