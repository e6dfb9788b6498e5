"""A render may end its page's freshness early (a banner that expires): the page cache and
any CDN in front keep the page no longer than that."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kabar.pagecache.headers import fresh_until_limit, public_cache_headers
from kabar.pagecache.middleware import PageCacheMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


class PublicView:
    def __init__(self, *limits_in_seconds):
        self.limits = limits_in_seconds
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        for seconds in self.limits:
            fresh_until_limit(request, time.time() + seconds)
        response = HttpResponse("halaman")
        public_cache_headers(response)
        return response


def s_maxage(response) -> int:
    return int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])


def test_the_earliest_limit_shortens_the_page_s_freshness():
    view = PublicView(300, 90, 200)
    middleware = PageCacheMiddleware(view)
    response = middleware(RequestFactory().get("/banner/"))
    assert response["X-Cache"] == "MISS"
    assert s_maxage(response) == 90
    assert middleware(RequestFactory().get("/banner/"))["X-Cache"] == "HIT"


def test_a_limit_past_the_page_cache_s_own_changes_nothing():
    middleware = PageCacheMiddleware(PublicView(3600))
    assert s_maxage(middleware(RequestFactory().get("/later/"))) == 600


def test_a_page_whose_limit_has_passed_is_rendered_again(monkeypatch):
    view = PublicView(5)
    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/soon/"))
    later = time.time() + 6
    monkeypatch.setattr(time, "time", lambda: later)
    assert middleware(RequestFactory().get("/soon/"))["X-Cache"] == "EXPIRED"
    assert view.calls == 2


def test_pages_without_a_limit_keep_the_usual_freshness():
    middleware = PageCacheMiddleware(PublicView())
    assert s_maxage(middleware(RequestFactory().get("/plain/"))) == 600
