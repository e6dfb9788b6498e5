"""Each process's own copies of hot pages: the same answer as a shared-cache hit, and purges
made anywhere take effect at once."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from kabar.pagecache import store
from kabar.pagecache.middleware import PageCacheMiddleware

from .test_page_cache import CountingView

pytestmark = pytest.mark.usefixtures("page_cache_on")


def shared_reads_refused(monkeypatch):
    """Make any read of a page from the shared cache fail the test."""

    def refuse(key):
        raise AssertionError("read the page from the shared cache")

    monkeypatch.setattr(store, "entry_or_uncacheable", refuse)


@pytest.mark.django_db
def test_a_hit_from_process_memory_equals_a_hit_from_the_shared_cache(client, article, monkeypatch):
    assert client.get(article.url)["X-Cache"] == "MISS"
    monkeypatch.setattr(store, "local_pages", store.LocalPages())  # as in another process
    shared = client.get(article.url)
    with monkeypatch.context() as patch:
        shared_reads_refused(patch)
        local = client.get(article.url)
        revalidated = client.get(article.url, HTTP_IF_NONE_MATCH=shared["ETag"])

    assert (shared["X-Cache"], local["X-Cache"]) == ("HIT", "HIT")
    assert local.content == shared.content
    # Every header, the security ones added around the cache included; Age counts seconds.
    headers = {name: value for name, value in shared.items() if name != "Age"}
    assert {name: value for name, value in local.items() if name != "Age"} == headers
    assert "Content-Security-Policy" in headers and "X-Frame-Options" in headers
    assert revalidated.status_code == 304


PURGE_ELSEWHERE = """
import django
django.setup()
from kabar.pagecache import store
store.{call}
"""


@pytest.fixture
def file_page_cache(settings, tmp_path):
    """The page cache of the embedded default: files that every process of the site shares."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "kabar.pagecache.filecache.PageFileCache",
            "LOCATION": str(tmp_path / "cache" / "pages"),
        },
    }
    return tmp_path


def purge_in_another_process(data_dir, call: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_TABLE")}
    env.update(DJANGO_SETTINGS_MODULE="kabar.settings.base", KABAR_DATA_DIR=str(data_dir))
    subprocess.run(
        [sys.executable, "-c", PURGE_ELSEWHERE.format(call=call)],
        cwd=django_settings.BASE_DIR,
        env=env,
        check=True,
    )


@pytest.mark.parametrize("call", ['paths_forget(["/a/"])', "site_forget()"])
def test_a_purge_in_another_process_is_seen_by_the_next_request(file_page_cache, call):
    view = CountingView()
    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/a/"))
    assert middleware(RequestFactory().get("/a/"))["X-Cache"] == "HIT"
    key = store.entry_key(RequestFactory().get("/a/"))
    assert store.local_pages.entry_get(key) is not None  # answered from this process

    purge_in_another_process(file_page_cache, call)
    again = middleware(RequestFactory().get("/a/"))
    assert (again["X-Cache"], again.content) == ("MISS", b"render 2")


def test_a_purge_in_another_process_is_seen_once_the_generation_is_read_without_its_file(
    file_page_cache, monkeypatch
):
    from kabar.pagecache import filecache

    monkeypatch.setattr(filecache, "SETTLED_SECONDS", -1.0)  # trust every file at once
    middleware = PageCacheMiddleware(CountingView())
    middleware(RequestFactory().get("/a/"))
    assert middleware(RequestFactory().get("/a/"))["X-Cache"] == "HIT"
    assert store.generation_current() == store.page_cache().get(store.GENERATION_KEY)

    purge_in_another_process(file_page_cache, "site_forget()")
    again = middleware(RequestFactory().get("/a/"))
    assert (again["X-Cache"], again.content) == ("MISS", b"render 2")


def test_a_purge_of_one_path_keeps_the_others_correct(file_page_cache):
    view = CountingView()
    middleware = PageCacheMiddleware(view)
    first_b = middleware(RequestFactory().get("/b/")).content
    middleware(RequestFactory().get("/a/"))
    store.paths_forget(["/a/"])
    assert middleware(RequestFactory().get("/a/"))["X-Cache"] == "MISS"
    kept = middleware(RequestFactory().get("/b/"))
    # /b/ was not purged: its shared copy is still served (read again, then kept).
    assert (kept["X-Cache"], kept.content) == ("HIT", first_b)


def test_process_memory_keeps_the_most_recent_pages_within_its_budget(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 900
    pages = store.LocalPages()

    def entry(size):
        return store.CachedPage(200, b"x" * size, [], created=0, fresh_until=0)

    for number in range(5):
        pages.entry_put(f"k{number}", entry(200))  # the fifth pushes out the first
    pages.entry_get("k1")  # used lately: kept over older ones
    pages.entry_put("k5", entry(200))
    assert set(pages.entries) == {"k1", "k3", "k4", "k5"}
    assert pages.size == 800
    pages.entry_put("big", entry(600))  # over a quarter of the budget: never kept
    assert "big" not in pages.entries

    settings.PAGE_CACHE_LOCAL_BYTES = 0
    off = store.LocalPages()
    off.entry_put("k", entry(10))
    assert not off.entries
