"""/favicon.ico: the icon browsers and feed readers ask for, whatever the page says."""

import io

from PIL import Image


def test_favicon_is_a_real_cacheable_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "public" in response["Cache-Control"] and "max-age=604800" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as icon:
        assert icon.format == "ICO"
        assert (32, 32) in icon.info["sizes"]
