"""collectstatic with the production storage gives site.css a content-hashed name plus gzip and
brotli copies, and WhiteNoise serves the hashed copy compressed and cacheable for good.

In-process and fast; core/tests/test_serve.py checks the same end to end on a real server."""

import gzip
import json
import re

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.test.utils import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "kabar.core.storage.StaticFilesStorage"},
}
HASHED_CSS = re.compile(r"^css/site\.[0-9a-f]{12}\.css$")


@pytest.fixture
def collected(tmp_path):
    """Kabar's own static files collected and compressed into a fresh STATIC_ROOT."""
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=PRODUCTION_STORAGES,
        # Only the project's static folder: the admin's thousands of files add nothing here.
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        DEBUG=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
        yield tmp_path, manifest


def static_get(path: str, encoding: str):
    middleware = WhiteNoiseMiddleware(get_response=lambda request: HttpResponseNotFound())
    request = RequestFactory().get(path, HTTP_ACCEPT_ENCODING=encoding)
    return middleware(request)


def test_collectstatic_hashes_site_css_and_writes_gzip_and_brotli_copies(collected):
    root, manifest = collected
    hashed = manifest["css/site.css"]
    assert HASHED_CSS.match(hashed), hashed
    original = (settings.BASE_DIR / "kabar" / "static" / "css" / "site.css").read_bytes()
    assert (root / hashed).read_bytes() == original
    assert gzip.decompress((root / f"{hashed}.gz").read_bytes()) == original
    assert brotli.decompress((root / f"{hashed}.br").read_bytes()) == original
    # Brotli earns its place: smaller than gzip, both far smaller than the original.
    assert (root / f"{hashed}.br").stat().st_size < (root / f"{hashed}.gz").stat().st_size
    assert (root / f"{hashed}.gz").stat().st_size < len(original) / 2


def test_whitenoise_serves_hashed_css_as_brotli_cached_for_good(collected):
    root, manifest = collected
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES, DEBUG=False):
        url = settings.STATIC_URL + manifest["css/site.css"]
        brotli_response = static_get(url, "gzip, deflate, br")
        plain_response = static_get(url, "identity")
    assert brotli_response.status_code == 200
    assert brotli_response["Content-Encoding"] == "br"
    assert brotli_response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in brotli_response["Vary"]
    original = (root / manifest["css/site.css"]).read_bytes()
    assert brotli.decompress(b"".join(brotli_response.streaming_content)) == original
    assert plain_response.get("Content-Encoding") is None
    assert plain_response["Cache-Control"] == brotli_response["Cache-Control"]
    assert b"".join(plain_response.streaming_content) == original
    # Not response.close(): its request_finished signal would reach for the database.
    for response in (brotli_response, plain_response):
        response.file_to_stream.close()


def test_static_addresses_are_the_manifests_each_time_and_a_missing_file_always_fails(collected):
    root, manifest = collected
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES, DEBUG=False):
        from django.contrib.staticfiles.storage import staticfiles_storage
        from django.templatetags.static import static

        hashed = settings.STATIC_URL + manifest["css/site.css"]
        assert [static("css/site.css") for _ in range(3)] == [hashed] * 3
        for _ in range(2):
            with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
                staticfiles_storage.url("css/tidak-ada.css")
