"""Every answer carries the security headers, whether rendered now or served from the cache."""

import pytest
from django.test import Client
from django.urls import reverse


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def security_headers_assert(response, *, admin: bool = False) -> None:
    directives = csp_directives(response)
    assert "'unsafe-inline'" not in directives["script-src"] or admin
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'self'" in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == (["'self'"] if admin else ["'none'"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.fixture
def public_paths(article):
    return {"home": "/", "article": article.url, "feed": "/feed/"}


def test_public_pages_forbid_inline_script_and_style(client, public_paths):
    for path in public_paths.values():
        response = client.get(path)
        assert response.status_code == 200, path
        security_headers_assert(response)
        directives = csp_directives(response)
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]


@pytest.mark.usefixtures("page_cache_on")
def test_pages_served_from_the_page_cache_keep_the_headers(public_paths):
    reader = Client()
    for name, path in public_paths.items():
        first, second = reader.get(path), reader.get(path)
        assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT"), name
        for response in (first, second):
            security_headers_assert(response)
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_not_found_pages_carry_the_headers(client, home):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    security_headers_assert(response)


def test_admin_login_has_the_strict_policy_and_the_rest_of_the_admin_the_admin_one(
    admin_client, client, db
):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    security_headers_assert(response)  # no 'unsafe-inline': the password is typed here
    security_headers_assert(admin_client.get("/admin/"), admin=True)


@pytest.mark.usefixtures("page_cache_on")
def test_admin_login_keeps_its_policy_with_the_page_cache_on(db):
    # The admin is never stored (it is not marked public), but goes through the cache's door.
    reader = Client()
    for _ in range(2):
        response = reader.get("/admin/login/")
        assert response["X-Cache"] in ("UNCACHEABLE", "MISS", "BYPASS")
        security_headers_assert(response)


def test_embed_frames_are_allowed_only_from_the_listed_origins(client, home, settings):
    directives = csp_directives(client.get("/"))
    assert directives["frame-src"] == settings.EMBED_FRAME_ORIGINS
    assert all(origin.startswith("https://") for origin in directives["frame-src"])


def test_a_page_preview_keeps_the_readers_policy_but_may_be_framed_by_the_admin(
    admin_client, article
):
    url = reverse("wagtailadmin_pages:view_draft", args=(article.pk,))
    response = admin_client.get(url)
    assert response.status_code == 200 and article.title in response.content.decode()
    directives = csp_directives(response)
    # Else the browser shows the preview panel empty: it frames this very response.
    assert directives["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
