"""The second factor: required for editors, the Editor-in-chief and administrators, optional
for writers."""

import base64
import datetime
import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from kabar.staff import services

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-rahasia"  # conftest.newsroom_user_make
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_2FA_REQUIRED = True


def password_login(client, user):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "the password was refused"


def app_code(device: TOTPDevice) -> str:
    """The code the staff member's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def two_factor_set_up(user) -> list[str]:
    """A confirmed authenticator app for `user`; their recovery codes."""
    device = services.totp_device_start(user=user)
    return services.totp_device_confirm(device=device, token=app_code(device))


def test_editor_without_second_factor_is_sent_to_set_it_up(client, editor, two_factor_on):
    password_login(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_2fa_setup") + "?next=%2Fadmin%2Fpages%2F"


def test_editor_in_chief_is_sent_to_set_it_up_like_an_editor(
    client, editor_in_chief, two_factor_on
):
    password_login(client, editor_in_chief)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff_2fa_setup"))


def test_setup_page_can_load_the_admin_icons_and_translations(client, editor, two_factor_on):
    password_login(client, editor)
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200


def test_administrator_and_superuser_need_it_too(client, site_admin, two_factor_on):
    from django.contrib.auth import get_user_model

    from kabar.staff.selectors import two_factor_required

    boss = get_user_model().objects.create_superuser("pemred", "p@example.com", PASSWORD)
    assert two_factor_required(user=site_admin)
    assert two_factor_required(user=boss)


def test_writer_reaches_the_admin_without_second_factor(client, writer, two_factor_on):
    password_login(client, writer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_setting_relaxes_the_requirement(client, editor, settings):
    settings.STAFF_2FA_REQUIRED = False
    password_login(client, editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_force_login_still_reaches_the_admin_in_tests(client, editor):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_setup_shows_qr_code_confirms_and_shows_recovery_codes_once(client, editor, two_factor_on):
    with freeze_time(START) as frozen:
        setup_shows_qr_code_confirms_and_shows_recovery_codes_once(client, editor, frozen)


def setup_shows_qr_code_confirms_and_shows_recovery_codes_once(client, editor, frozen):
    password_login(client, editor)
    setup_url = reverse("staff_2fa_setup") + "?next=/admin/pages/"
    page = client.get(setup_url).content.decode()
    assert "<svg" in page and "Pasang autentikasi dua faktor" in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # The secret is shown for typing in, grouped by four.
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)[1].replace(" ", "")
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key

    wrong = client.post(setup_url, {"code": "000000" if app_code(device) != "000000" else "1"})
    assert wrong.status_code == 200
    assert "Kode itu salah" in wrong.content.decode()

    # django-otp slows down guessing after a failure: the right code waits a moment.
    frozen.tick(datetime.timedelta(seconds=2))
    response = client.post(setup_url, {"code": app_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page)
    assert len(codes) == 10
    # Shown once only.
    assert client.get(reverse("staff_2fa_recovery_codes")).status_code == 302
    assert client.get("/admin/pages/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_second_login_asks_for_the_code_and_refuses_a_wrong_one(client, editor, two_factor_on):
    with freeze_time(START) as frozen:
        two_factor_set_up(editor)
        frozen.tick(datetime.timedelta(seconds=60))
        password_login(client, editor)
        response = client.get(reverse("wagtailadmin_home"))
        assert response["Location"].startswith(reverse("staff_2fa_verify"))

        verify_url = reverse("staff_2fa_verify")
        device = TOTPDevice.objects.get(user=editor)
        good = app_code(device)
        wrong = client.post(verify_url, {"code": "999999" if good != "999999" else "111111"})
        assert "Kode itu salah, atau sudah pernah dipakai" in wrong.content.decode()
        assert client.get(reverse("wagtailadmin_home")).status_code == 302

        # django-otp slows down guessing after a failure: the right code waits a moment.
        frozen.tick(datetime.timedelta(seconds=2))
        response = client.post(verify_url, {"code": app_code(device), "next": "/admin/"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_recovery_code_works_once(client, editor, two_factor_on):
    codes = two_factor_set_up(editor)
    password_login(client, editor)
    response = client.post(reverse("staff_2fa_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    client.post(reverse("wagtailadmin_logout"))
    password_login(client, editor)
    again = client.post(reverse("staff_2fa_verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_next_address_off_site_is_ignored(client, editor, two_factor_on):
    codes = two_factor_set_up(editor)
    password_login(client, editor)
    response = client.post(
        reverse("staff_2fa_verify"), {"code": codes[0], "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_writer_may_turn_it_on_and_is_then_asked_for_it(client, writer, two_factor_on):
    password_login(client, writer)
    manage = client.get(reverse("staff_2fa_manage")).content.decode()
    assert "Aktifkan autentikasi dua faktor" in manage
    codes = two_factor_set_up(writer)
    client.post(reverse("wagtailadmin_logout"))
    password_login(client, writer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    client.post(reverse("staff_2fa_verify"), {"code": codes[1]})
    # A writer may turn it off again; an editor may not (below).
    client.post(reverse("staff_2fa_manage"), {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=writer).exists()


def test_editor_cannot_turn_it_off(client, editor, two_factor_on):
    codes = two_factor_set_up(editor)
    password_login(client, editor)
    client.post(reverse("staff_2fa_verify"), {"code": codes[0]})
    client.post(reverse("staff_2fa_manage"), {"action": "disable"})
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_renewing_recovery_codes_replaces_the_old_ones(client, editor, two_factor_on):
    old = two_factor_set_up(editor)
    password_login(client, editor)
    client.post(reverse("staff_2fa_verify"), {"code": old[0]})
    response = client.post(reverse("staff_2fa_manage"), {"action": "renew"})
    page = client.get(response["Location"]).content.decode()
    new = re.findall(r"<li><code>(\w+)</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)


def test_account_page_links_to_the_two_factor_page(client, writer):
    client.force_login(writer)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("staff_2fa_manage") in page
