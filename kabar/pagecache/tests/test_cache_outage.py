"""A cache that goes away degrades the site to uncached pages; it never stops it."""

import logging
import shutil

import pytest

from kabar.pagecache import resilient

from .own_redis import OwnRedis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


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
