"""Nobody waits for a copy that will never be stored, and only a few threads wait at all."""

import threading
import time
from unittest import mock

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from kabar.pagecache import middleware as middleware_module
from kabar.pagecache import store
from kabar.pagecache.middleware import MAX_WAITERS, PageCacheMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


class PrivateView:
    """A view whose answers are never stored, like the comments fragment or a search."""

    def __init__(self, status=200):
        self.calls = 0
        self.status = status
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.calls += 1
        return HttpResponse("untuk pembaca ini", status=self.status)


def concurrent_get(middleware, path, count):
    responses = []

    def read():
        responses.append(middleware(RequestFactory().get(path)))

    threads = [threading.Thread(target=read) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.parametrize("status", [200, 404])
def test_an_address_known_uncacheable_is_rendered_at_once_by_everyone(status):
    view = PrivateView(status=status)
    middleware = PageCacheMiddleware(view)
    first = middleware(RequestFactory().get("/komentar/fragmen/7/"))
    assert first["X-Cache"] == "UNCACHEABLE"

    with mock.patch.object(middleware_module.time, "sleep") as sleep:
        responses = concurrent_get(middleware, "/komentar/fragmen/7/", 16)
    sleep.assert_not_called()
    assert view.calls == 17
    assert {r["X-Cache"] for r in responses} == {"UNCACHEABLE"}
    assert {r.status_code for r in responses} == {status}


def test_a_waiter_stops_waiting_when_the_other_render_proves_uncacheable():
    view = PrivateView()
    middleware = PageCacheMiddleware(view)
    request = RequestFactory().get("/cari/?q=banjir")
    key = store.entry_key(request)
    store.lock_acquire(key)  # another request is rendering it

    def other_render_ends(seconds):
        store.uncacheable_mark(key, status=200)

    with mock.patch.object(middleware_module.time, "sleep", side_effect=other_render_ends) as sleep:
        response = middleware(request)
    assert sleep.call_count == 1  # one step, not PAGE_CACHE_WAIT_SECONDS of them
    assert (response.status_code, view.calls) == (200, 1)


def test_only_a_few_threads_wait_for_one_render():
    view = PrivateView()
    middleware = PageCacheMiddleware(view)
    request = RequestFactory().get("/berita-lambat/")
    store.lock_acquire(store.entry_key(request))  # a render that never finishes
    waiting = threading.Barrier(MAX_WAITERS + 1)

    def held(seconds):
        waiting.wait(timeout=10)  # every waiter stays inside its wait
        raise Http404  # then leaves it

    with mock.patch.object(middleware_module.time, "sleep", side_effect=held):
        threads = [
            threading.Thread(target=lambda: pytest.raises(Http404, middleware, request))
            for _ in range(MAX_WAITERS)
        ]
        for thread in threads:
            thread.start()
        # Every waiting place is taken: this reader renders the page itself instead.
        deadline = time.monotonic() + 10
        while middleware._waiters._value and time.monotonic() < deadline:
            threading.Event().wait(0.01)
        assert middleware._waiters._value == 0, "the waiters never started waiting"
        response = middleware(RequestFactory().get("/berita-lambat/"))
        assert response["X-Cache"] == "MISS" and view.calls == 1
        waiting.wait(timeout=10)
        for thread in threads:
            thread.join()


def test_a_purge_lets_a_once_uncacheable_address_be_stored_again():
    responses = iter([HttpResponse("belum", status=404), None])
    middleware = PageCacheMiddleware(lambda request: next(responses) or published())
    assert middleware(RequestFactory().get("/berita-baru/"))["X-Cache"] == "UNCACHEABLE"
    store.paths_forget(["/berita-baru/"])  # the story is published
    assert middleware(RequestFactory().get("/berita-baru/"))["X-Cache"] == "MISS"
    assert middleware(RequestFactory().get("/berita-baru/"))["X-Cache"] == "HIT"


def published():
    from kabar.pagecache.headers import public_cache_headers

    response = HttpResponse("terbit")
    public_cache_headers(response)
    return response
