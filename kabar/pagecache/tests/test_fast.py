"""The WSGI fast path (kabar/pagecache/fast.py): the same answer as Django's own hit, without
Django, and never for a request Django would answer differently."""

import io
import sys

import pytest
from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory

from kabar.pagecache import store
from kabar.pagecache.fast import FastHits

# As kabar/wsgi.py wraps Django (without the request ids and metrics around it, kabar.ops).
application = FastHits(get_wsgi_application())

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("page_cache_on", "connections_kept"),
]


@pytest.fixture
def django_calls(monkeypatch):
    """Requests that reached Django's handler (the others were answered in front of it)."""
    calls = []
    handler = application.application

    def counted(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return handler(environ, start_response)

    monkeypatch.setattr(application, "application", counted)
    return calls


def wsgi_get(path: str, **headers) -> tuple[str, dict[str, str], bytes]:
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", **headers)
    environ.update({"wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr})
    sent = {}

    def start_response(status, headers, exc_info=None):
        sent["status"], sent["headers"] = status, dict(headers)

    result = application(environ, start_response)
    body = b"".join(result)
    getattr(result, "close", lambda: None)()
    return sent["status"], sent["headers"], body


def test_a_fresh_page_is_answered_in_front_of_django_with_djangos_own_answer(article, django_calls):
    _status, missed, _body = wsgi_get(article.url)
    status, hit, body = wsgi_get(article.url)  # Django's hit: its answer is kept
    fast_status, fast, fast_body = wsgi_get(article.url)

    assert (missed["X-Cache"], hit["X-Cache"], fast["X-Cache"]) == ("MISS", "HIT", "HIT")
    assert django_calls == [article.url]  # the first request only: its answer was kept
    assert (fast_status, fast_body) == (status, body)
    # Every header, the security ones the outer middlewares add included; Age counts seconds.
    assert {k: v for k, v in fast.items() if k != "Age"} == {
        k: v for k, v in hit.items() if k != "Age"
    }
    assert "Content-Security-Policy" in fast and "X-Frame-Options" in fast


def test_a_purge_anywhere_sends_the_next_request_to_django(article, django_calls):
    wsgi_get(article.url)
    wsgi_get(article.url)
    store.paths_forget([article.url])
    _status, headers, _body = wsgi_get(article.url)
    assert headers["X-Cache"] == "MISS"
    assert django_calls == [article.url, article.url]


def test_an_expired_copy_goes_to_django(article, django_calls, monkeypatch):
    wsgi_get(article.url)
    later = store.time.time() + 3600
    monkeypatch.setattr("kabar.pagecache.fast.time.time", lambda: later)
    wsgi_get(article.url)
    assert django_calls == [article.url, article.url]


def test_readers_with_a_session_and_conditional_requests_go_to_django(article, django_calls):
    _status, first, _body = wsgi_get(article.url)
    _status, session, _body = wsgi_get(article.url, HTTP_COOKIE="sessionid=abc; other=1")
    status, _headers, body = wsgi_get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    wsgi_get(article.url, HTTP_X_FORWARDED_PROTO="https")
    assert session["X-Cache"] == "BYPASS"
    assert status.startswith("304") and body == b""
    assert len(django_calls) == 4
    # An unrelated cookie does not stop the fast path.
    wsgi_get(article.url, HTTP_COOKIE="other=1")
    assert len(django_calls) == 4


def test_uncacheable_answers_are_never_kept(django_calls):
    for _ in range(3):
        status, _headers, _body = wsgi_get("/halaman-yang-tidak-ada/")
        assert status.startswith("404")
    assert len(django_calls) == 3
