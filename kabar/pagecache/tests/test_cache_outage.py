"""A cache that goes away degrades the site to uncached pages; it never stops it."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis

from kabar.pagecache import resilient

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of the test's own on a free port, never the shared one."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = OwnRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def caches_on(settings, own_redis, monkeypatch):
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
    backend = {
        "BACKEND": "kabar.pagecache.resilient.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{own_redis.port}/0",
    }
    settings.CACHES = {
        "default": {**backend, "KEY_PREFIX": "kabar"},
        "pages": {**backend, "KEY_PREFIX": "kabar-pages"},
    }
    return own_redis


def test_pages_keep_answering_while_redis_is_down_and_recover_after(
    client, section, article_factory, caches_on, caplog
):
    article = article_factory(parent=section, title="Gempa di Cianjur")
    assert client.get(article.url)["X-Cache"] == "MISS"
    assert client.get(article.url)["X-Cache"] == "HIT"

    caches_on.stop()
    with caplog.at_level(logging.WARNING, logger=resilient.__name__):
        answers = [client.get(url) for url in [article.url, section.url, "/"] * 10]
    assert {response.status_code for response in answers} == {200}
    assert b"Gempa di Cianjur" in answers[0].content
    # One line for the outage, not one per request.
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "Cache unavailable" in errors[0].getMessage()

    caches_on.start()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=resilient.__name__):
        assert client.get(article.url)["X-Cache"] == "MISS"
        assert client.get(article.url)["X-Cache"] == "HIT"
    assert any("available again" in r.getMessage() for r in caplog.records)


def test_an_unwritable_page_cache_folder_leaves_pages_uncached(
    client, section, article_factory, settings, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "kabar.pagecache.filecache.PageFileCache",
            "LOCATION": blocked / "pages",
        },
    }
    article = article_factory(parent=section, title="Banjir di Bekasi")
    for _ in range(3):
        response = client.get(article.url)
        assert response.status_code == 200
        assert b"Banjir di Bekasi" in response.content
