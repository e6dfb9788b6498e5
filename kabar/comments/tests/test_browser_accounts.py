"""In a real Chromium: the reader account pages have no serious accessibility problem (axe)."""

import pytest

from kabar.core.tests.accessibility import axe_serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_account_pages_pass_axe(browser_page, live_server, home):
    page = browser_page
    for path in (
        "/akun/login/",
        "/akun/signup/",
        "/akun/password/reset/",
        "/akun/password/reset/done/",
        "/en/akun/login/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_serious(page) == [], path
    # With the errors of a refused sign-in shown.
    page.goto(f"{live_server.url}/akun/login/")
    page.get_by_label("Email").fill("ani@example.id")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    page.locator(".form-errors").wait_for()
    assert axe_serious(page) == [], "login with errors"
