"""deploy/nginx/kabar.conf with a real nginx: the configuration is valid (`nginx -t`), and in
front of a small backend standing in for Varnish it terminates TLS with HTTP/2, redirects plain
HTTP, serves static files itself, and sends on the scheme and a request id."""

import http.client
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

from kabar.ops.tests.servers import port_free

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONF = Path(settings.BASE_DIR) / "deploy" / "nginx" / "kabar.conf"

pytestmark = [
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed"),
    pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed"),
]

MAIN_CONF = """
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
daemon off;
worker_processes 1;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/kabar.conf;
}}
"""


@pytest.fixture
def site(tmp_path):
    """The repository's configuration on free loopback ports, with a fresh self-signed
    certificate, a static folder, and `backend` as the Varnish it proxies to."""
    # nginx's workers (nobody, when the tests run as root) read the static files: not under
    # pytest's tmp_path (0700).
    directory = Path(tempfile.mkdtemp(prefix="kabar-nginx-"))
    directory.chmod(0o755)
    static = directory / "static"
    static.mkdir()
    (static / "site.abc123.css").write_text("body { color: black; }\n" * 100)
    (static / "font.abc123.woff2").write_bytes(b"wOF2" + bytes(2000))
    for path in (static, *static.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-keyout", str(directory / "key.pem"),
         "-out", str(directory / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port, backend_port = port_free(), port_free(), port_free()
    text = (
        CONF.read_text()
        # First: a free port drawn below may begin with 6081 (60813 became 429613).
        .replace("127.0.0.1:6081", f"127.0.0.1:{backend_port}")
        .replace("listen [::]:80;", "")
        .replace("listen [::]:443 ssl http2;", "")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
        .replace("/etc/letsencrypt/live/news.example.id/fullchain.pem", str(directory / "cert.pem"))
        .replace("/etc/letsencrypt/live/news.example.id/privkey.pem", str(directory / "key.pem"))
        .replace("/var/log/nginx/kabar.access.log", str(directory / "access.log"))
        .replace("/var/lib/kabar/static/", f"{static}/")
    )
    (directory / "kabar.conf").write_text(text)
    (directory / "nginx.conf").write_text(MAIN_CONF.format(dir=directory))
    yield {
        "dir": directory,
        "http": http_port,
        "https": https_port,
        "backend": backend_port,
        "argv": [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf"),
                 "-e", str(directory / "error.log")],
    }  # fmt: skip
    shutil.rmtree(directory, ignore_errors=True)


def test_the_configuration_is_valid(site):
    checked = subprocess.run([*site["argv"], "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


class Backend(http.server.BaseHTTPRequestHandler):
    """Stands in for Varnish: notes the headers of each request, answers with them."""

    seen: list[dict[str, str]] = []

    def do_GET(self):
        headers = dict(self.headers.items())
        Backend.seen.append({"path": self.path, **headers})
        body = json.dumps(headers).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Strict-Transport-Security", "max-age=60")  # as Django sends it
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def running(site):
    Backend.seen = []
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", site["backend"]), Backend)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    nginx = subprocess.Popen(site["argv"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", site["https"]), timeout=1).close()
            break
        except OSError:
            assert nginx.poll() is None, nginx.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
    yield site
    nginx.terminate()
    nginx.wait(timeout=20)
    backend.shutdown()
    backend.server_close()


def tls_context(alpn=("http/1.1",)) -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    context.set_alpn_protocols(list(alpn))
    return context


def https_get(port: int, path: str, **headers) -> http.client.HTTPResponse:
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=10)
    connection.request("GET", path, headers={"Host": "news.example.id", **headers})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.mark.slow
def test_nginx_terminates_tls_and_passes_the_scheme_and_a_request_id(running):
    response = https_get(running["https"], "/berita/", **{"X-Request-ID": "forged by a reader"})
    assert response.status == 200
    sent = Backend.seen[-1]
    assert sent["path"] == "/berita/" and sent["Host"] == "news.example.id"
    assert sent["X-Forwarded-Proto"] == "https"
    assert sent["X-Forwarded-For"] == "127.0.0.1"
    # nginx's own $request_id (32 hex digits), never the one the reader sent.
    assert len(sent["X-Request-ID"]) == 32 and int(sent["X-Request-ID"], 16) >= 0
    assert response.getheader("Server") == "nginx"  # no version
    assert response.headers.get_all("Strict-Transport-Security") == ["max-age=31536000"]


@pytest.mark.slow
def test_plain_http_is_redirected_to_https(running):
    connection = http.client.HTTPConnection("127.0.0.1", running["http"], timeout=10)
    connection.request("GET", "/berita/?halaman=2", headers={"Host": "news.example.id"})
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "https://news.example.id/berita/?halaman=2"
    assert Backend.seen == []


@pytest.mark.slow
def test_http2_is_offered(running):
    with socket.create_connection(("127.0.0.1", running["https"]), timeout=10) as raw:
        with tls_context(alpn=("h2", "http/1.1")).wrap_socket(raw) as tls:
            assert tls.selected_alpn_protocol() == "h2"
            assert tls.version() in ("TLSv1.2", "TLSv1.3")


@pytest.mark.slow
def test_static_files_are_served_by_nginx_for_a_year(running):
    css = https_get(running["https"], "/static/site.abc123.css", **{"Accept-Encoding": "gzip"})
    font = https_get(running["https"], "/static/font.abc123.woff2", **{"Accept-Encoding": "gzip"})
    assert css.status == font.status == 200
    assert css.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert css.getheader("Content-Encoding") == "gzip"
    assert font.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert font.getheader("Content-Encoding") is None  # compressed already
    assert Backend.seen == []
