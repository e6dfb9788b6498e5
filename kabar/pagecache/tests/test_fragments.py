"""The fragments a process keeps: one purge generation, bounded in size and time."""

import time

import pytest
from django.test import RequestFactory

from kabar.pagecache import store
from kabar.pagecache.fragments import Fragments, fragment_get_or_build
from kabar.pagecache.headers import fresh_until_limit

pytestmark = pytest.mark.usefixtures("page_fragments_on")


def reader_request(path="/berita/"):
    return RequestFactory().get(path)


def counting_build(value="<p>isi</p>"):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_kept_until_the_next_purge():
    build, calls = counting_build()
    for _ in range(3):
        assert fragment_get_or_build(reader_request(), "isi", (1,), build) == "<p>isi</p>"
    assert len(calls) == 1
    store.generation_next()
    fragment_get_or_build(reader_request(), "isi", (1,), build)
    assert len(calls) == 2


def test_a_request_that_began_before_a_purge_stores_nothing_for_later_requests():
    early = reader_request()
    fragment_get_or_build(early, "warm", (), lambda: "x")  # reads the generation
    store.generation_next()
    fragment_get_or_build(reader_request(), "other", (), lambda: "new")
    fragment_get_or_build(early, "isi", (), lambda: "<p>lama</p>")
    build, calls = counting_build("<p>baru</p>")
    assert fragment_get_or_build(reader_request(), "isi", (), build) == "<p>baru</p>"
    assert calls == [1]


def test_keyed_by_parts_address_and_language(settings):
    build, calls = counting_build()
    fragment_get_or_build(reader_request("/a/"), "isi", (1,), build)
    fragment_get_or_build(reader_request("/a/"), "isi", (2,), build)
    fragment_get_or_build(reader_request("/b/"), "isi", (1,), build)
    fragment_get_or_build(reader_request("/a/?page=2"), "isi", (1,), build)
    fragment_get_or_build(reader_request("/a/?utm_source=x"), "isi", (1,), build)  # tracking
    fragment_get_or_build(reader_request("/b/"), "bersama", (1,), build, per_address=False)
    fragment_get_or_build(reader_request("/c/"), "bersama", (1,), build, per_address=False)
    assert len(calls) == 5


def test_a_limit_asked_for_while_building_bounds_the_fragment_and_every_page_showing_it():
    soon = time.time() + 30

    def build():
        fresh_until_limit(request, soon)
        return "<p>spanduk</p>"

    request = reader_request()
    fragment_get_or_build(request, "spanduk", (), build)
    assert request.page_cache_fresh_until == soon
    later = reader_request()
    assert fragment_get_or_build(later, "spanduk", (), lambda: "lain") == "<p>spanduk</p>"
    assert later.page_cache_fresh_until == soon


def test_expires_after_its_seconds(monkeypatch):
    build, calls = counting_build()
    fragment_get_or_build(reader_request(), "terpopuler", (), build, seconds=60)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    fragment_get_or_build(reader_request(), "terpopuler", (), build, seconds=60)
    assert len(calls) == 2


def test_off_with_zero_seconds_and_for_previews_and_posts(settings, rf):
    build, calls = counting_build()
    preview = reader_request()
    preview.is_preview = True
    for request in [preview, preview, rf.post("/berita/"), rf.post("/berita/")]:
        fragment_get_or_build(request, "isi", (), build)
    settings.PAGE_FRAGMENT_SECONDS = 0
    fragment_get_or_build(reader_request(), "isi", (), build)
    fragment_get_or_build(reader_request(), "isi", (), build)
    assert len(calls) == 6


def test_bounded_in_size():
    store.generation_current()
    kept = Fragments(max_chars=1000)
    generation = store.local_pages.generation
    for n in range(10):
        kept.put(generation, (n,), "x" * 200, size=200, expires=time.time() + 60)
    assert kept.size <= 1000
    assert kept.get(generation, (9,)) is not None and kept.get(generation, (0,)) is None
    kept.put(generation, ("huge",), "x" * 600, size=600, expires=time.time() + 60)
    assert kept.get(generation, ("huge",)) is None
