"""The Prometheus endpoint (kabar.ops.metrics, /_/metrics): what it counts, who may read it,
and the counts of several web server processes added up (multiprocess mode)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from prometheus_client import REGISTRY

from kabar.ops.metrics_dir import metrics_dir_prepare
from kabar.ops.tests.test_request_context import wsgi_get

pytestmark = pytest.mark.django_db


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.mark.usefixtures("connections_kept", "page_cache_on")
def test_requests_and_page_cache_answers_are_counted_by_view_and_status(article):
    labels = {"view": "page_cache", "status": "200"}
    before = sample("kabar_http_request_duration_seconds_count", **labels)
    misses = sample("kabar_page_cache_answers_total", result="miss")
    served = sample("kabar_http_request_duration_seconds_count", view="wagtail_serve", status="200")
    for _ in range(3):
        wsgi_get(article.url)  # rendered once (and kept), then answered twice in front of Django
    assert sample("kabar_page_cache_answers_total", result="miss") == misses + 1
    assert sample("kabar_http_request_duration_seconds_count", **labels) == before + 2
    assert (
        sample("kabar_http_request_duration_seconds_count", view="wagtail_serve", status="200")
        == served + 1
    )


def test_loopback_reads_the_metrics_with_the_state_of_each_part(client):
    response = client.get("/_/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'kabar_up{check="database"} 1.0' in text
    assert 'kabar_up{check="cache:pages"} 1.0' in text
    assert "# TYPE kabar_task_queue_depth gauge" in text
    assert "# TYPE kabar_http_request_duration_seconds histogram" in text


def test_metrics_are_never_kept_by_a_cache(client, page_cache_on):
    _first, second = client.get("/_/metrics"), client.get("/_/metrics")
    assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
    assert second.get("X-Cache") not in ("HIT", "STALE")


def test_anyone_else_gets_a_404(client):
    assert client.get("/_/metrics", REMOTE_ADDR="203.0.113.7").status_code == 404


def test_through_a_proxy_loopback_is_not_enough(client):
    """Varnish or nginx on the same machine hand every reader's request over from 127.0.0.1."""
    response = client.get("/_/metrics", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 404


def test_a_configured_network_is_allowed(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.8.0.0/16"]
    assert client.get("/_/metrics", REMOTE_ADDR="10.8.3.4").status_code == 200
    assert client.get("/_/metrics", REMOTE_ADDR="10.9.3.4").status_code == 404
    assert client.get("/_/metrics").status_code == 404  # loopback no longer listed


def test_the_token_opens_it_from_anywhere_and_only_the_right_one(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"
    outside = {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    right = client.get(
        "/_/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus", **outside
    )
    wrong = client.get("/_/metrics", HTTP_AUTHORIZATION="Bearer s3cret", **outside)
    assert (right.status_code, wrong.status_code) == (200, 404)


def test_preparing_the_directory_drops_the_previous_runs_counts(tmp_path):
    env = {"KABAR_DATA_DIR": str(tmp_path)}
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "histogram_123.db").write_bytes(b"old")
    (tmp_path / "metrics" / "README").write_text("not ours")
    path = metrics_dir_prepare(env)
    assert path == tmp_path / "metrics" and env["PROMETHEUS_MULTIPROC_DIR"] == str(path)
    assert sorted(p.name for p in path.iterdir()) == ["README"]
    # gunicorn reads its settings again on SIGHUP: the running workers' counts stay.
    (path / "counter_456.db").write_bytes(b"live")
    metrics_dir_prepare(env)
    assert (path / "counter_456.db").exists()


COUNT_ONE = """
import django
django.setup()
from kabar.ops import metrics
metrics.request_observe(view="search", status="200", seconds=0.02, cache="")
"""
SCRAPE = """
import django
django.setup()
from kabar.ops import metrics
print(metrics.exposition().decode())
"""


@pytest.mark.slow
def test_the_counts_of_every_web_server_process_are_added_up(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kabar.settings.base",
        "KABAR_DATA_DIR": str(tmp_path),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    (tmp_path / "metrics").mkdir()
    base = Path(django_settings.BASE_DIR)
    for _ in range(2):
        subprocess.run([sys.executable, "-c", COUNT_ONE], env=env, cwd=base, check=True)
    scraped = subprocess.run(
        [sys.executable, "-c", SCRAPE], env=env, cwd=base, check=True, capture_output=True
    ).stdout.decode()
    assert 'kabar_http_request_duration_seconds_count{status="200",view="search"} 2.0' in scraped
