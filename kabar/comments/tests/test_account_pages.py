"""Reader account pages (django-allauth, under /akun/): the site's design, valid HTML."""

import shutil

import pytest
from lxml import html as lxml_html

from kabar.news.tests.test_html_valid import vnu_errors

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = {
    "login": "/akun/login/",
    "signup": "/akun/signup/",
    "password-reset": "/akun/password/reset/",
    "password-reset-done": "/akun/password/reset/done/",
    "password-reset-bad-key": "/akun/password/reset/key/1-salah/",
    "verification-sent": "/akun/confirm-email/",
    "login-en": "/en/akun/login/",
}
FAILED_POSTS = {
    "login-failed": ("/akun/login/", {"login": "bukan-email", "password": "x"}),
    "signup-failed": ("/akun/signup/", {"email": "x", "username": "", "password1": "1"}),
    "password-reset-failed": ("/akun/password/reset/", {"email": "bukan"}),
}


def account_pages(client) -> dict[str, bytes]:
    pages = {}
    for name, url in ACCOUNT_PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = response.content
    for name, (url, data) in FAILED_POSTS.items():
        response = client.post(url, data)
        assert response.status_code == 200, url
        pages[name] = response.content
    return pages


def test_account_pages_wear_the_site_design_in_the_reader_s_language(client, home):
    for name, content in account_pages(client).items():
        doc = lxml_html.fromstring(content)
        assert doc.xpath("/html/@lang") == (["en"] if name.endswith("-en") else ["id"]), name
        assert doc.xpath('//header[@class="site-header"]'), name
        assert doc.xpath('//footer[@class="site-footer"]'), name
        assert len(doc.xpath("//main//h1")) == 1, name
        assert doc.xpath('//meta[@name="robots"]/@content')[0].startswith("noindex"), name


@pytest.mark.skipif(shutil.which("java") is None, reason="the validator needs java")
def test_account_pages_are_valid_html(client, home, tmp_path):
    files = []
    for name, content in account_pages(client).items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files.append(path)
    assert vnu_errors(files) == []
