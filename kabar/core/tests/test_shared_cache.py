"""Reader-account rate limits count where every process sees them (kabar.core.shared_cache)."""

import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse


@pytest.mark.django_db
def test_reader_password_resets_are_limited_in_the_shared_cache(client):
    email = f"pembaca-{uuid.uuid4().hex[:8]}@example.id"
    url = reverse("account_reset_password")
    for _ in range(5):
        assert client.post(url, {"email": email}).status_code == 302

    refused = client.post(url, {"email": email})
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in refused.content.decode()


@pytest.mark.django_db
def test_without_redis_the_attempts_are_rows_of_the_database(client):
    shared = settings.CACHES[settings.SHARED_CACHE_ALIAS]
    if not shared["BACKEND"].endswith("DatabaseCache"):
        pytest.skip("the shared cache is Redis here")
    client.post(reverse("account_reset_password"), {"email": "pembaca@example.id"})
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {shared['LOCATION']} WHERE cache_key LIKE %s",
            ["%allauth:rl:allauth.account:reset_password:%"],
        )
        assert cursor.fetchone()[0] >= 1
