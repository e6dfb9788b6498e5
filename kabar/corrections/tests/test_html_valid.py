"""The article with notes, the 410 page and the log are valid HTML (W3C Nu validator)."""

import shutil

import pytest

from kabar.corrections import services
from kabar.news.tests.factories import ArticlePageFactory
from kabar.news.tests.test_html_valid import vnu_errors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("java") is None, reason="the validator needs java"),
]


def test_corrections_pages_are_valid_html(client, section, editor, tmp_path):
    corrected = ArticlePageFactory(parent=section, title="Gempa di Cianjur", unverified=True)
    for kind, party in (("ralat", ""), ("koreksi", ""), ("hak_jawab", "PT Maju")):
        services.correction_add(
            article=corrected,
            kind=kind,
            text="Isi catatan.\n\nParagraf kedua.",
            party=party,
            user=editor,
        )
    advertorial = ArticlePageFactory(
        parent=section,
        sponsored=True,
        body=[("paragraph", '<p><a href="https://x.example/">Promo</a></p>')],
    )
    withdrawn = ArticlePageFactory(parent=section, title="Beras plastik")
    services.article_withdraw(article=withdrawn, reason="Hoaks.\nMaaf.", user=editor)
    pages = {
        "corrected.html": corrected.url,
        "advertorial.html": advertorial.url,
        "withdrawn.html": withdrawn.url,
        "log.html": "/koreksi/",
        "log-en.html": "/en/koreksi/?jenis=pencabutan",
        "home.html": "/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 410), url
        path = tmp_path / name
        path.write_bytes(response.content)
        files.append(path)
    assert vnu_errors(files) == []
