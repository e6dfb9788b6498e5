"""Logins are locked after LOGIN_FAILURE_LIMIT wrong passwords, by account and by address."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from freezegun import freeze_time

PASSWORD = "kata-sandi-rahasia"  # conftest.newsroom_user_make


def admin_login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_right_password_refused_after_five_wrong_ones_for_the_account(client, editor):
    statuses = [
        # Each from a new address: the account's own count locks it, at the fifth failure.
        admin_login(client, "editor", "salah", ip=f"198.51.100.{attempt}").status_code
        for attempt in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = admin_login(client, "editor", PASSWORD, ip="198.51.100.99")
    assert response.status_code == 429
    assert not signed_in(client)
    body = response.content.decode()
    assert "Terlalu banyak kata sandi salah" in body
    assert "15 menit" in body


@pytest.mark.django_db
def test_an_address_is_locked_after_five_failures_whatever_the_accounts(client, editor):
    statuses = [admin_login(client, name, "salah").status_code for name in "abcde"]
    assert statuses == [200, 200, 200, 200, 429]
    # The editor's own password from the same address is refused too...
    assert admin_login(client, "editor", PASSWORD).status_code == 429
    assert not signed_in(client)
    # ...but the editor signs in from elsewhere.
    response = admin_login(client, "editor", PASSWORD, ip="192.0.2.1")
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_four_failures_do_not_lock(client, editor):
    for _ in range(4):
        admin_login(client, "editor", "salah")
    assert admin_login(client, "editor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lock_lifts_after_the_lockout_period(client, editor):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as frozen:
        for _ in range(5):
            admin_login(client, "editor", "salah")
        frozen.tick(datetime.timedelta(minutes=14))
        assert admin_login(client, "editor", PASSWORD).status_code == 429
        frozen.tick(datetime.timedelta(minutes=2))
        assert admin_login(client, "editor", PASSWORD).status_code == 302
        assert signed_in(client)


@pytest.mark.django_db
def test_failures_are_counted_in_the_database_for_every_process(client, editor):
    admin_login(client, "Editor", "salah")
    admin_login(client, "editor", "salah")
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.failures_since_start == 2


@pytest.mark.django_db
def test_limit_and_period_come_from_settings(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        admin_login(client, "editor", "salah")
    assert admin_login(client, "editor", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_reader_login_is_locked_too(client, django_user_model):
    django_user_model.objects.create_user("pembaca", "pembaca@example.com", PASSWORD)
    url = reverse("account_login")
    responses = [
        client.post(url, {"login": "pembaca@example.com", "password": "salah"}) for _ in range(5)
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "Terlalu banyak kata sandi salah" in responses[-1].content.decode()
    # Refused from now on (by allauth's own limit, in front of the lock, or by the lock).
    client.post(url, {"login": "pembaca@example.com", "password": PASSWORD})
    assert not signed_in(client)
