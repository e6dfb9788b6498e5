"""In a real Chromium: an editor sets up the second factor, then is asked for it; a
password-guesser is locked out."""

import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-rahasia"  # conftest.newsroom_user_make


def password_login(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()


def app_code(secret: str, *, step: int | None = None) -> str:
    """What an authenticator app given `secret` shows now (or at time step `step`)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() if step is None else step * totp.step + 1
    return f"{totp.token():06d}"


def test_editor_sets_up_totp_reaches_the_dashboard_and_is_asked_again(
    browser_page, live_server, editor, settings
):
    settings.STAFF_2FA_REQUIRED = True
    page, base = browser_page, live_server.url

    password_login(page, base, "editor")
    expect(page).to_have_url(re.compile(r"/admin/dua-faktor/pasang/"))
    expect(page.get_by_role("heading", name="Pasang autentikasi dua faktor")).to_be_visible()
    expect(page.locator("figure svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")

    page.get_by_label("Kode dari aplikasi").fill(app_code(secret))
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_role("heading", name="Kode pemulihan Anda")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.locator("#main")).to_be_visible()
    # The dashboard, with the icons drawn (the sprite is not held back at the door).
    expect(page.get_by_role("heading", name="Budi Editor")).to_be_visible()
    expect(page.get_by_role("heading", name="Pasang autentikasi dua faktor")).to_have_count(0)

    # A new browser session: the password alone is not enough any more.
    page.context.clear_cookies()
    password_login(page, base, "editor")
    expect(page).to_have_url(re.compile(r"/admin/dua-faktor/verifikasi/"))
    # The code just used is spent; the app's next one is accepted (one step of tolerance).
    # Next after the spent step, not after "now": when setup straddled a 30 s boundary the
    # device learnt a drift of -1, and now + 1 would fall outside its window.
    spent = TOTPDevice.objects.get(user=editor, confirmed=True).last_t
    page.get_by_label("Kode").fill(app_code(secret, step=spent + 1))
    page.get_by_role("button", name="Verifikasi").click()
    expect(page).to_have_url(f"{base}/admin/")


def test_guessing_passwords_locks_the_admin_login(browser_page, live_server, editor):
    page, base = browser_page, live_server.url
    for _ in range(5):
        password_login(page, base, "editor", "tebakan-salah")
    expect(page.get_by_role("heading", name="Masuk dikunci")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("dikunci selama 15 menit")

    password_login(page, base, "editor")
    expect(page.get_by_role("heading", name="Masuk dikunci")).to_be_visible()
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
