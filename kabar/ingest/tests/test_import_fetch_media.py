"""--fetch-media goes through the safe fetcher: public http(s) images only."""

import io

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model

from kabar.ingest.services import ImportOptions, wxr_import

from .http_server import Route
from .wxr_samples import wxr_document, wxr_post

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def attachment(post_id: int, url: str) -> str:
    return wxr_post(
        post_id,
        post_type="attachment",
        status="inherit",
        categories=(),
        extra=f"<wp:attachment_url>{url}</wp:attachment_url>",
    )


def test_fetch_media_downloads_from_an_allowed_host(home, loopback):
    loopback.routes["/wp-content/uploads/2025/08/foto.png"] = Route(
        body=png(), content_type="image/png"
    )
    summary = wxr_import(
        source=wxr_document(attachment(9, loopback.url("/wp-content/uploads/2025/08/foto.png"))),
        options=ImportOptions(fetch_media=True),
    )
    assert summary.skipped == []
    assert get_image_model().objects.get().title == "Berita 9"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd.png",
        "http://127.0.0.1:9/wp-content/uploads/2025/08/foto.png",
        "http://169.254.169.254/latest/meta-data.png",
    ],
)
def test_fetch_media_refuses_local_files_and_private_addresses(home, url, loopback):
    summary = wxr_import(
        source=wxr_document(attachment(9, url), wxr_post(1)),
        options=ImportOptions(fetch_media=True),
    )
    ((label, reason),) = summary.skipped
    assert label == 'attachment 9 "Berita 9"' and "failed" in reason
    assert not get_image_model().objects.exists()
    # The rest of the import carries on.
    assert summary.counts["post"] == {"created": 1}
