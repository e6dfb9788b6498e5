"""Kabar's WSGI application served through granian's RSGI interface: fresh cached pages are
answered on the worker's event loop, everything else by the WSGI application in a pool of
threads.

Why: granian's WSGI interface runs every request in one of its blocking threads, and with
four of them each cache hit costs several handoffs of the GIL between threads; a microsecond
of Python costs three to five there (docs/performance.md, "Cached pages: an event loop in
front of the threads"). Here a hit is answered by the one thread that runs the loop, with no
handoff, and only pages Django renders go to the threads: as many as WEB_THREADS, as before.

The loop answers only what the page cache's fast path would (kabar/pagecache/fast.py: the
same address, the same purge generation, the same headers, the request id and the metrics of
kabar/ops/request_context.py), and only while reading the purge generation is a local file's
check (the embedded default): with Redis that read is a network round trip, which must not
hold up the loop, so every request goes to the threads, which answer hits as before.

A request's body is read whole before its thread starts, as granian's WSGI interface does;
a streamed response is sent from its thread chunk by chunk, so that the iteration, and the
database connection it may use, stay in the thread that began it.
"""

import asyncio
import io
import itertools
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from granian.rsgi import ProtocolClosed

from kabar.pagecache import fast, store

from .request_context import RequestContext

logger = logging.getLogger(__name__)

ENVIRON_BASE = {
    "GATEWAY_INTERFACE": "CGI/1.1",
    "SCRIPT_NAME": "",
    "SERVER_SOFTWARE": "Granian",
    "wsgi.version": (1, 0),
    "wsgi.errors": sys.stderr,
    "wsgi.multithread": True,
    "wsgi.multiprocess": False,
    "wsgi.run_once": False,
    "wsgi.input_terminated": True,
}
# Headers whose WSGI names carry no HTTP_ prefix.
CGI_HEADERS = {"content-type": "CONTENT_TYPE", "content-length": "CONTENT_LENGTH"}
SERVER_ERROR = (500, [("content-type", "text/plain; charset=utf-8")], b"Internal Server Error")


def environ_from(scope, *, multiprocess: bool = False) -> dict:
    """The WSGI environ of an RSGI request, as granian's WSGI interface would build it."""
    environ = dict(ENVIRON_BASE)
    for name, value in scope.headers.items():
        if "_" in name:
            # HTTP_X_FORWARDED_PROTO must come from X-Forwarded-Proto only, never from a
            # look-alike a proxy passes through unchecked (Django's runserver drops them too).
            continue
        key = CGI_HEADERS.get(name) or "HTTP_" + name.upper().replace("-", "_")
        if key in environ:  # a repeated header: one value, as RFC 9110 joins them
            value = environ[key] + ("; " if key == "HTTP_COOKIE" else ",") + value
        environ[key] = value
    server_name, _, server_port = scope.server.rpartition(":")
    environ.update(
        {
            "REQUEST_METHOD": scope.method,
            # RSGI's path is decoded text; WSGI's is the decoded bytes as latin-1 (PEP 3333).
            "PATH_INFO": scope.path.encode().decode("latin-1"),
            "QUERY_STRING": scope.query_string,
            "SERVER_NAME": server_name.strip("[]"),
            "SERVER_PORT": server_port,
            "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
            "REMOTE_ADDR": scope.client.rpartition(":")[0].strip("[]"),
            "wsgi.url_scheme": scope.scheme,
            "wsgi.multiprocess": multiprocess,
        }
    )
    return environ


def body_expected(environ) -> bool:
    return "CONTENT_LENGTH" in environ or "HTTP_TRANSFER_ENCODING" in environ


def status_code(status: str) -> int:
    return int(status.split(" ", 1)[0])


def buffered(result) -> bool:
    """Whether a WSGI result is a whole body rather than a stream to send as it comes."""
    return isinstance(result, (list, tuple)) or getattr(result, "streaming", True) is False


def whole_file(result, status: str) -> str | None:
    """The path of the file a response sends whole from its start (Django's FileResponse, as
    WhiteNoise answers static files): granian sends it without Python, instead of the thread
    passing it to the loop 4 KiB at a time."""
    file = getattr(result, "file_to_stream", None)
    path = getattr(file, "name", None)
    if not status.startswith("200 ") or not isinstance(path, str) or not os.path.isabs(path):
        return None
    try:
        whole = file.tell() == 0 and os.fstat(file.fileno()).st_size == os.stat(path).st_size
    except (OSError, ValueError, AttributeError):
        return None
    return path if whole else None


class RSGIFront:
    """The RSGI application granian's workers run (kabar/ops/granian_serve.py)."""

    def __init__(self, application, *, threads: int, multiprocess: bool = False):
        self.application = application
        self.threads, self.multiprocess = threads, multiprocess
        # The fast path's answer, wrapped in the same request id, metrics and access line.
        self.hits = RequestContext(fast.answer_send)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.executor: ThreadPoolExecutor | None = None
        self.hits_on_loop = False

    # Called in each worker once it is forked: threads made before a fork do not survive it.
    def __rsgi_init__(self, loop):
        self.loop = loop
        self.executor = ThreadPoolExecutor(self.threads, thread_name_prefix="kabar-web")
        self.hits_on_loop = store.token_read_is_local()

    def __rsgi_del__(self, loop):
        self.executor.shutdown(wait=True)

    async def __rsgi__(self, scope, protocol):
        environ = environ_from(scope, multiprocess=self.multiprocess)
        if self.hits_on_loop:
            answered = self.hit_answer(environ)
            if answered is not None:
                protocol.response_bytes(*answered)
                return
        environ["wsgi.input"] = io.BytesIO(await protocol() if body_expected(environ) else b"")
        try:
            answer = await self.loop.run_in_executor(
                self.executor, self.wsgi_run, environ, protocol
            )
        except Exception:
            # Django answers its own errors; this is a failure around it (or a reader gone).
            logger.exception("The request %s %s failed", scope.method, scope.path)
            answer = (protocol.response_bytes, SERVER_ERROR)
        if answer is not None:
            send, arguments = answer
            send(*arguments)

    def hit_answer(self, environ) -> tuple | None:
        """The fast path's fresh answer to this request, answered here, or None."""
        address = fast.address_kept(environ)
        if address is None:
            return None
        kept = fast.answer_fresh(store.generation_current(), address)
        if kept is None:
            return None
        environ[fast.KEPT_KEY] = kept
        sent = []
        body = self.hits(environ, lambda status, headers, exc_info=None: sent.extend(headers))
        return status_code(kept[0].status), sent, body[0]

    def wsgi_run(self, environ, protocol) -> tuple | None:
        """In a pool thread: how to send the WSGI application's answer on the loop (whole,
        or a file granian sends itself), or None once it has streamed its answer itself."""
        sent = []

        def start_response(status, headers, exc_info=None):
            sent[:] = [status, headers]

        result = self.application(environ, start_response)
        try:
            if buffered(result):
                body = b"".join(result)
                return protocol.response_bytes, (status_code(sent[0]), sent[1], body)
            if path := whole_file(result, sent[0]):
                return protocol.response_file, (status_code(sent[0]), sent[1], path)
            chunks = iter(result)
            first = next(chunks, b"")  # a generator may call start_response on its first step
            self.stream(environ, protocol, status_code(sent[0]), sent[1], first, chunks)
            return None
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's request_finished: in this thread, with its connection

    def stream(self, environ, protocol, status: int, headers, first: bytes, chunks) -> None:
        """Send a streamed answer from this pool thread, each chunk once the last is sent."""

        async def begin():
            return protocol.response_stream(status, headers)

        transport = self.on_loop(begin())

        async def send(chunk):
            await transport.send_bytes(chunk)

        try:
            for chunk in itertools.chain((first,), chunks):
                if chunk:
                    self.on_loop(send(chunk))
        except ProtocolClosed:
            pass  # the reader has gone: nobody to send the rest to
        except Exception:
            # The status is sent: the reader sees the answer cut short, the log says why.
            logger.exception("The streamed answer to %s failed", environ["PATH_INFO"])

    def on_loop(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()
