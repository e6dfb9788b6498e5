"""The page cache: who is served from it, what it stores, its headers, and no stampede."""

import threading
import time

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from kabar.pagecache import store
from kabar.pagecache.headers import public_cache_headers
from kabar.pagecache.middleware import PageCacheMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_anonymous_reader_gets_the_stored_page_the_second_time(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert b"Banjir di Jakarta" in second.content


def test_public_pages_carry_shared_cache_headers(client, article):
    response = client.get(article.url)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=600", "stale-while-revalidate=60"} <= cache_control
    assert response["ETag"]
    assert response["Last-Modified"]
    # The language is in the path, and the page is the same for every anonymous reader.
    vary = response.get("Vary", "").lower()
    assert "cookie" not in vary and "accept-language" not in vary


def test_revalidation_answers_304_from_the_cache(client, article):
    response = client.get(article.url)
    again = client.get(article.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(article.url, HTTP_IF_MODIFIED_SINCE=http_date(time.time() + 60))
    assert since.status_code == 304


def test_a_revalidation_right_after_a_purge_stores_the_whole_page():
    def unchanged_page(request):
        # As Django's ConditionalGetMiddleware answers a browser whose copy is still right.
        response = HttpResponse("berita yang sama")
        public_cache_headers(response)
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    middleware = PageCacheMiddleware(unchanged_page)
    etag = middleware(RequestFactory().get("/berita/"))["ETag"]
    store.paths_forget(["/berita/"])  # purged: the next render is for the store
    revalidated = middleware(RequestFactory().get("/berita/", HTTP_IF_NONE_MATCH=etag))
    assert revalidated.status_code == 304
    # Stored whole, not taken for an address that is never storable.
    assert middleware(RequestFactory().get("/berita/"))["X-Cache"] == "HIT"


def test_tracking_parameters_share_the_readers_copy(client, article):
    client.get(article.url)
    response = client.get(f"{article.url}?utm_source=facebook&fbclid=abc")
    assert response["X-Cache"] == "HIT"
    other = client.get(f"{article.url}?page=2")
    assert other["X-Cache"] != "HIT"


def test_staff_bypass_the_cache_and_get_private_pages(client, article, editor):
    client.get(article.url)  # stored for anonymous readers
    client.force_login(editor)
    response = client.get(article.url)
    assert response["X-Cache"] == "BYPASS"
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize("cookie", ["kabar_komentar_saya", "kabar_komentator"])
def test_a_commenters_own_cookies_bypass_the_cache(client, article, cookie):
    client.get(article.url)
    client.cookies[cookie] = "x"
    response = client.get(article.url)
    assert response["X-Cache"] == "BYPASS"


def test_the_csrf_cookie_alone_does_not_bypass(client, article):
    # Every reader with JavaScript gets one from the comments fragment.
    client.get(article.url)
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert client.get(article.url)["X-Cache"] == "HIT"


def test_posts_search_and_admin_are_never_stored(client, article, home):
    client.post(article.url, {"x": "1"})
    assert client.get(article.url)["X-Cache"] == "MISS"
    search = client.get("/cari/", {"q": "beras"})
    assert search["X-Cache"] == "UNCACHEABLE"
    assert "public" not in search.get("Cache-Control", "")
    assert client.get("/cari/", {"q": "beras"})["X-Cache"] == "UNCACHEABLE"
    admin = client.get("/admin/login/")
    assert admin["X-Cache"] == "UNCACHEABLE"


def test_a_password_protected_page_is_private(client, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    response = client.get(article.url)
    assert response.status_code == 200  # the password form
    assert "public" not in response.get("Cache-Control", "")
    assert client.get(article.url)["X-Cache"] != "HIT"


def test_a_restriction_on_a_cached_page_takes_it_out_of_the_cache(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=article.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(article.url)
    assert response.status_code == 302  # to the sign-in page
    assert response.get("X-Cache") != "HIT"


def test_a_preview_is_never_served_from_or_into_the_cache(client, article):
    client.get(article.url)  # the live page is stored
    article.title = "Judul draf yang belum terbit"
    preview = article.make_preview_request()
    assert b"Judul draf yang belum terbit" in preview.content
    assert b"Judul draf" not in client.get(article.url).content


def test_listings_feeds_and_sitemaps_are_cached_too(client, article, article_factory):
    article_factory(parent=article.get_parent(), title="Bertag", tags=["ekonomi"])
    for url in ["/", "/tag/ekonomi/", "/feed/", "/sitemap.xml", "/robots.txt"]:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def test_off_when_page_cache_seconds_is_zero(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "OFF"


# The middleware on its own, with a view we control ------------------------------------------


class CountingView:
    def __init__(self, *, delay=0.0):
        self.calls = 0
        self.delay = delay
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.calls += 1
            number = self.calls
        time.sleep(self.delay)
        response = HttpResponse(f"render {number}")
        public_cache_headers(response)
        return response


def test_many_readers_of_a_missing_page_cause_one_render():
    view = CountingView(delay=0.3)
    middleware = PageCacheMiddleware(view)
    bodies = []

    def read():
        bodies.append(middleware(RequestFactory().get("/berita-panas/")).content)

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert view.calls == 1
    assert bodies == [b"render 1"] * 8


def test_a_stale_page_is_served_while_one_request_rebuilds_it():
    view = CountingView()
    middleware = PageCacheMiddleware(view)
    request = RequestFactory().get("/berita-panas/")
    assert middleware(request).content == b"render 1"
    key = store.entry_key(request)
    entry = store.entry_get(key)
    entry.fresh_until = time.time() - 1  # expired, still inside stale-while-revalidate
    store.entry_set(key, entry)
    store.local_pages.entry_put(key, entry)  # the process's own copy expires at the same time

    store.lock_acquire(key)  # another request is rebuilding it
    stale = middleware(RequestFactory().get("/berita-panas/"))
    assert (stale.content, stale["X-Cache"]) == (b"render 1", "STALE")
    assert view.calls == 1

    store.lock_release(key)
    rebuilt = middleware(RequestFactory().get("/berita-panas/"))
    assert (rebuilt.content, rebuilt["X-Cache"]) == (b"render 2", "EXPIRED")
    assert middleware(RequestFactory().get("/berita-panas/")).content == b"render 2"


def test_a_response_setting_a_cookie_is_not_stored():
    def view(request):
        response = HttpResponse("hello")
        public_cache_headers(response)
        response.set_cookie("pelacak", "1")
        return response

    middleware = PageCacheMiddleware(view)
    assert middleware(RequestFactory().get("/x/"))["X-Cache"] == "UNCACHEABLE"
    assert middleware(RequestFactory().get("/x/"))["X-Cache"] == "UNCACHEABLE"


def test_forgetting_a_path_forgets_every_query_string_of_it():
    view = CountingView()
    middleware = PageCacheMiddleware(view)
    for query in ("", "?page=2"):
        middleware(RequestFactory().get(f"/rubrik/{query}"))
        assert middleware(RequestFactory().get(f"/rubrik/{query}"))["X-Cache"] == "HIT"
    store.paths_forget(["/rubrik/"])
    for query in ("", "?page=2"):
        assert middleware(RequestFactory().get(f"/rubrik/{query}"))["X-Cache"] == "MISS"


def test_an_evicted_path_token_never_brings_back_old_pages(monkeypatch):
    view = CountingView()
    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/a/"))
    store.paths_forget(["/a/"])
    assert middleware(RequestFactory().get("/a/")).content == b"render 2"
    store.page_cache().delete(store.path_token_key("/a/"))  # evicted under memory pressure
    # This process keeps the token it read; a process that never saw it makes a new one.
    assert middleware(RequestFactory().get("/a/")).content == b"render 2"
    monkeypatch.setattr(store, "local_pages", store.LocalPages())
    fresh = middleware(RequestFactory().get("/a/"))
    assert (fresh["X-Cache"], fresh.content) == ("MISS", b"render 3")


def test_a_response_silent_about_caching_must_be_revalidated(client, home):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "no-cache" in response["Cache-Control"]


def test_deferred_purges_become_one_purge_of_everything(
    client, article, section, article_factory, django_capture_on_commit_callbacks
):
    from kabar.pagecache.purge import purges_deferred

    warm_url = section.url
    client.get(warm_url)
    assert client.get(warm_url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True), purges_deferred():
        fresh = article_factory(parent=section, title="Berita impor", live=False)
        fresh.save_revision().publish()
        assert client.get(warm_url)["X-Cache"] == "HIT"  # nothing worked out per page yet
    assert b"Berita impor" in client.get(warm_url).content


def test_the_file_cache_add_is_exclusive_and_expired_entries_make_way(tmp_path):
    from kabar.pagecache.filecache import PageFileCache

    one, other = PageFileCache(str(tmp_path), {}), PageFileCache(str(tmp_path), {})
    assert one.add("kunci", 1, timeout=30) is True
    assert other.add("kunci", 2, timeout=30) is False
    assert other.get("kunci") == 1
    one.set("lama", 1, timeout=-1)  # already expired
    assert other.add("lama", 2, timeout=30) is True
    assert one.get("lama") == 2
    assert [p for p in tmp_path.iterdir() if not p.name.endswith(".djcache")] == []


def test_the_file_cache_reads_an_unchanged_file_once_and_every_replacement_again(
    tmp_path, monkeypatch
):
    from kabar.pagecache import filecache

    # As two processes would.
    reader = filecache.PageFileCache(str(tmp_path), {})
    writer = filecache.PageFileCache(str(tmp_path), {})
    opened = []

    def open_counted(*args, **kwargs):
        opened.append(args[0])
        return open(*args, **kwargs)

    monkeypatch.setattr(filecache, "open", open_counted, raising=False)
    writer.set("generasi", "a", timeout=None)
    assert [reader.get_unchanged("generasi") for _ in range(2)] == ["a", "a"]
    assert len(opened) == 2  # a file written within the last second is read every time

    monkeypatch.setattr(filecache, "SETTLED_SECONDS", -1.0)
    assert [reader.get_unchanged("generasi") for _ in range(3)] == ["a", "a", "a"]
    assert len(opened) == 3  # read once more, then known by its identity
    writer.set("generasi", "b", timeout=None)  # same size, replaced at once
    assert reader.get_unchanged("generasi") == "b"
    writer.delete("generasi")
    assert reader.get_unchanged("generasi", "hilang") == "hilang"
    writer.set("generasi", "c", timeout=-1)  # already expired: gone, as with get
    assert reader.get_unchanged("generasi") is None
    assert list(tmp_path.iterdir()) == []


def test_uploads_served_by_the_site_are_cached_for_an_hour(client, settings):
    from pathlib import Path

    if not settings.SERVE_MEDIA:
        pytest.skip("uploads are served by object storage in this configuration")
    folder = Path(settings.MEDIA_ROOT) / "uji-cache"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "foto.txt").write_text("x")
    try:
        response = client.get("/media/uji-cache/foto.txt")
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=3600"
        assert response["X-Cache"] == "UNCACHEABLE"  # files are not copied into the page cache
    finally:
        (folder / "foto.txt").unlink()
        folder.rmdir()
