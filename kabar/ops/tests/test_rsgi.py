"""Granian's RSGI interface in front of the WSGI application (kabar/ops/rsgi.py): kept pages
answered on the event loop, everything else in the pool's threads, as WSGI would have it."""

import asyncio
import threading
from dataclasses import dataclass, field

import pytest

from kabar.ops.rsgi import RSGIFront, environ_from
from kabar.pagecache import fast, store


class Headers:
    """granian's RSGIHeaders: repeated names kept, lower-case."""

    def __init__(self, pairs):
        self.pairs = [(name.lower(), value) for name, value in pairs]

    def items(self):
        return list(self.pairs)

    def get(self, name, default=None):
        return next((value for key, value in self.pairs if key == name), default)

    def __contains__(self, name):
        return any(key == name for key, _ in self.pairs)


@dataclass
class Scope:
    path: str = "/"
    method: str = "GET"
    query_string: str = ""
    headers: Headers = field(default_factory=lambda: Headers([("host", "kabar.test")]))
    client: str = "203.0.113.9:51000"
    server: str = "127.0.0.1:8000"
    scheme: str = "http"
    http_version: str = "1.1"
    proto: str = "http"


class Transport:
    def __init__(self, sent):
        self.sent = sent

    async def send_bytes(self, data):
        self.sent.append(data)


class Protocol:
    """What the application sent back, as granian's RSGIHTTPProtocol would receive it."""

    def __init__(self, body=b""):
        self.body, self.status, self.headers, self.chunks = body, None, None, []
        self.loop_thread = self.file = None

    async def __call__(self):
        return self.body

    def response_bytes(self, status, headers, body):
        self.loop_thread = threading.current_thread()
        self.status, self.headers, self.chunks = status, dict(headers), [body]

    def response_file(self, status, headers, path):
        self.status, self.headers, self.file = status, dict(headers), path

    def response_stream(self, status, headers):
        self.status, self.headers = status, dict(headers)
        return Transport(self.chunks)


class Recorder:
    """A WSGI application noting what it was called with, and in which thread."""

    def __init__(self, answer=(b"rendered",), status="200 OK"):
        self.answer, self.status = answer, status
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append((environ, threading.current_thread()))
        start_response(self.status, [("Content-Type", "text/plain")])
        return self.answer


def served(front, scope, protocol):
    """One request through the front, on an event loop of its own, as a granian worker."""
    loop = asyncio.new_event_loop()
    try:
        front.__rsgi_init__(loop)
        loop.run_until_complete(front.__rsgi__(scope, protocol))
    finally:
        front.__rsgi_del__(loop)
        loop.close()
    return protocol


def test_the_environ_is_what_a_wsgi_server_gives_django():
    headers = Headers(
        [
            ("Host", "kabar.test"),
            ("Cookie", "a=1"),
            ("Cookie", "b=2"),
            ("Accept", "text/html"),
            ("Accept", "*/*"),
            ("X_Forwarded_Proto", "https"),  # a look-alike: never taken for the real header
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Content-Length", "3"),
        ]
    )
    scope = Scope(path="/kabar/café/a b", query_string="q=%20x", headers=headers, method="POST")
    scope.client, scope.server = "[2001:db8::1]:51000", "[::1]:8000"
    environ = environ_from(scope)

    assert environ["HTTP_COOKIE"] == "a=1; b=2" and environ["HTTP_ACCEPT"] == "text/html,*/*"
    assert "HTTP_X_FORWARDED_PROTO" not in environ
    assert (environ["CONTENT_TYPE"], environ["CONTENT_LENGTH"]) == (
        "application/x-www-form-urlencoded",
        "3",
    )
    # PEP 3333: the decoded path's bytes as latin-1, which Django decodes back to UTF-8.
    assert environ["PATH_INFO"] == "/kabar/caf\xc3\xa9/a b"
    assert environ["QUERY_STRING"] == "q=%20x" and environ["REQUEST_METHOD"] == "POST"
    assert (environ["REMOTE_ADDR"], environ["SERVER_NAME"], environ["SERVER_PORT"]) == (
        "2001:db8::1",
        "::1",
        "8000",
    )
    assert environ["wsgi.url_scheme"] == "http" and environ["SERVER_PROTOCOL"] == "HTTP/1.1"


def test_a_post_reaches_the_application_in_a_thread_with_its_body():
    application = Recorder()
    headers = Headers([("host", "kabar.test"), ("content-length", "11")])
    protocol = served(
        RSGIFront(application, threads=2),
        Scope(method="POST", path="/komentar/", headers=headers),
        Protocol(b"nama=Budi&x"),
    )
    environ, thread = application.calls[0]
    assert environ["wsgi.input"].read() == b"nama=Budi&x"
    assert thread.name.startswith("kabar-web")
    assert (protocol.status, protocol.chunks) == (200, [b"rendered"])


def kept_page(scope, *, body=b"<p>kept</p>"):
    """An answer the fast path keeps for `scope`'s address under the current generation."""
    address = fast.address_of(environ_from(scope))
    answer = fast.Answer(
        "200 OK", [("Content-Type", "text/html")], body, created=0, fresh_until=4e9
    )
    store.local_pages.answer_put(store.generation_current(), address, answer, size=len(body))


@pytest.fixture
def page_file_cache(settings, tmp_path, page_cache_on):
    """The embedded default's page cache: files, whose purge generation is a local check."""
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "kabar.pagecache.filecache.PageFileCache",
            "LOCATION": tmp_path / "pages",
        },
    }


@pytest.mark.usefixtures("page_file_cache")
def test_a_kept_page_is_answered_on_the_loop_and_a_purge_sends_the_next_to_a_thread():
    application = Recorder()
    front = RSGIFront(application, threads=2)
    scope = Scope(path="/dalam-negeri/berita/")
    kept_page(scope)

    protocol = served(front, scope, Protocol())
    assert application.calls == []  # no thread, no Django
    assert protocol.loop_thread is threading.current_thread()
    assert protocol.chunks == [b"<p>kept</p>"] and protocol.headers["X-Cache"] == "HIT"
    # The request id and the metrics of every request (kabar/ops/request_context.py).
    assert len(protocol.headers["X-Request-ID"]) == 32 and protocol.headers["Age"]

    store.paths_forget([scope.path])
    protocol = served(front, scope, Protocol())
    assert len(application.calls) == 1 and protocol.chunks == [b"rendered"]


@pytest.mark.usefixtures("page_file_cache")
def test_readers_django_must_answer_are_not_answered_on_the_loop():
    application = Recorder()
    front = RSGIFront(application, threads=2)
    signed_in = Scope(headers=Headers([("host", "kabar.test"), ("cookie", "sessionid=abc")]))
    kept_page(Scope())
    kept_page(signed_in)
    served(front, signed_in, Protocol())
    served(front, Scope(method="HEAD"), Protocol())
    assert len(application.calls) == 2


@pytest.mark.usefixtures("page_cache_on")
def test_with_a_shared_page_cache_every_request_goes_to_a_thread():
    # The tests' page cache stands for Redis: reading its purge generation is a round trip
    # the loop must not wait on.
    application = Recorder()
    scope = Scope(path="/dalam-negeri/berita/")
    kept_page(scope)
    served(RSGIFront(application, threads=2), scope, Protocol())
    assert len(application.calls) == 1


def test_a_stream_is_sent_chunk_by_chunk_and_closed_in_the_thread_that_began_it():
    seen = []

    class Streamed:
        streaming = True

        def __iter__(self):
            for chunk in (b"satu ", b"", b"dua"):
                seen.append(threading.current_thread())
                yield chunk

        def close(self):
            seen.append(threading.current_thread())

    def application(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return Streamed()

    protocol = served(RSGIFront(application, threads=3), Scope(), Protocol())
    assert protocol.status == 200 and protocol.chunks == [b"satu ", b"dua"]
    assert len(set(seen)) == 1 and seen[0].name.startswith("kabar-web")


def test_an_application_that_fails_outside_django_gets_a_500(caplog):
    def application(environ, start_response):
        raise RuntimeError("broken")

    protocol = served(RSGIFront(application, threads=1), Scope(path="/rusak/"), Protocol())
    assert protocol.status == 500 and protocol.chunks == [b"Internal Server Error"]
    assert "The request GET /rusak/ failed" in caplog.text


def test_a_whole_file_is_sent_by_granian_and_a_part_of_it_streamed(tmp_path):
    from django.http import FileResponse

    image = tmp_path / "foto.jpg"
    image.write_bytes(b"\xff\xd8" + b"x" * 10_000)

    def application(environ, start_response):
        response = FileResponse(image.open("rb"))
        if environ["PATH_INFO"] == "/sebagian/":
            response.file_to_stream.seek(5000)  # as a range answer starts mid-file
        start_response("200 OK", list(response.items()))
        return response

    whole = served(RSGIFront(application, threads=1), Scope(path="/foto/"), Protocol())
    assert (whole.status, whole.file, whole.chunks) == (200, str(image), [])
    part = served(RSGIFront(application, threads=1), Scope(path="/sebagian/"), Protocol())
    assert part.file is None and b"".join(part.chunks) == b"x" * 5002
