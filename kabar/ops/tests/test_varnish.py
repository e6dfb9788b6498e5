"""deploy/varnish/kabar.vcl with a real varnishd in front of the app: anonymous pages are
cached, signed-in users and commenters pass, and a publish purges the story out of Varnish."""

import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.error import URLError

import pytest
from django.conf import settings

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory
from kabar.pagecache.tests.own_redis import free_port

VCL_DIR = Path(settings.BASE_DIR) / "deploy" / "varnish"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("varnishd"), reason="varnishd is not installed"),
]


def varnish_dir(backends: str) -> Path:
    # Varnish's own user reads it when varnishd runs as root: not a pytest tmp_path (0700).
    directory = Path(tempfile.mkdtemp(prefix="kabar-varnish-"))
    directory.chmod(0o755)
    shutil.copy(VCL_DIR / "kabar.vcl", directory / "kabar.vcl")
    (directory / "backends.vcl").write_text(backends)
    return directory


def test_the_vcl_compiles_with_the_example_backends():
    directory = varnish_dir((VCL_DIR / "backends.example.vcl").read_text())
    try:
        done = subprocess.run(
            ["varnishd", "-C", "-p", f"vcl_path={directory}", "-f", str(directory / "kabar.vcl"),
             "-n", str(directory / "work")],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def varnish(live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    directory = varnish_dir(
        f"""
backend app {{ .host = "{host}"; .port = "{port}"; }}
acl purgers {{ "127.0.0.1"; }}
sub kabar_backends {{ nodes.add_backend(app); }}
"""
    )
    listen = free_port()
    process = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-a", f"127.0.0.1:{listen}", "-s", "malloc,32m",
         "-p", f"vcl_path={directory}", "-f", str(directory / "kabar.vcl"),
         "-n", str(directory / "work")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{listen}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
            break
        except (URLError, ConnectionError):
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "varnishd did not start"
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


def get(url, *, cookie=""):
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_varnish_caches_readers_passes_sessions_and_forgets_a_published_change(
    varnish, section, settings
):
    settings.PAGE_CACHE_SECONDS = 600  # what the pages tell shared caches to keep them for
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish,
        }
    }
    story = ArticlePageFactory(parent=section, title="Banjir Bekasi", slug="banjir-bekasi")
    story.save_revision().publish()
    path = story.url

    first, _body = get(varnish + path)
    second, body = get(varnish + path)
    assert (first["X-Varnish-Cache"], second["X-Varnish-Cache"]) == ("MISS", "HIT")
    assert "Banjir Bekasi" in body and second["X-Request-ID"]
    signed_in, _body = get(varnish + path, cookie="sessionid=abc")
    assert signed_in["X-Varnish-Cache"] == "MISS"  # passed to the app, never shared
    cookie_only, _body = get(varnish + path, cookie="_ga=x; theme=dark")
    assert cookie_only["X-Varnish-Cache"] == "HIT"  # other cookies do not split the cache

    story = ArticlePage.objects.get(pk=story.pk)
    story.title = "Banjir Bekasi meluas"
    story.save_revision().publish()  # the purge task runs at once under the test settings
    after, body = get(varnish + path)
    assert after["X-Varnish-Cache"] == "MISS" and "Banjir Bekasi meluas" in body
