"""A number too big for the database in an address is a 404, never a 500 (issue 16).

Here, above every app, so that one test walks every URL the project has.
"""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from kabar.core.converters import ID_MAX, IdConverter, id_from_text

# 19 digits: matches the pattern's shape, but is past the largest id SQLite or PostgreSQL holds.
TOO_BIG = ID_MAX + 1
HUGE = "9" * 25


def patterns_walk(patterns, namespace=""):
    """(view name with its namespaces, URL pattern) for every pattern under `patterns`."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns_walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


def pattern_is_ours(entry: URLPattern) -> bool:
    """A view of ours, or one of Wagtail's generic admin views for a model of ours."""
    model = getattr(entry.callback, "view_initkwargs", {}).get("model")
    if isinstance(model, str):
        model = apps.get_model(model)
    return entry.lookup_str.startswith("kabar.") or (
        model is not None and model.__module__.startswith("kabar.")
    )


def our_patterns():
    return [
        (name, entry)
        for name, entry in patterns_walk(get_resolver().url_patterns)
        if pattern_is_ours(entry)
    ]


@pytest.fixture
def superuser_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_id_from_text_takes_only_ids_a_database_can_hold():
    assert id_from_text("42") == 42 and id_from_text(str(ID_MAX)) == ID_MAX
    for raw in (str(TOO_BIG), HUGE, "0", "", "-1", "4 2", "٤٢", "1e3"):
        assert id_from_text(raw) is None, raw


def test_no_address_of_ours_takes_an_unbounded_integer(db):
    unbounded = [
        name
        for name, entry in our_patterns()
        if any(isinstance(c, IntConverter) for c in entry.pattern.converters.values())
    ]
    assert unbounded == []


def test_every_id_in_our_addresses_past_the_database_is_a_404(db, home, superuser_client):
    with_ids = [
        (name, entry)
        for name, entry in our_patterns()
        if any(isinstance(c, IdConverter) for c in entry.pattern.converters.values())
    ]
    # The comment, complaint, correction, wire-desk and import addresses at least.
    assert len(with_ids) >= 10
    anonymous = Client(raise_request_exception=False)
    for name, entry in with_ids:
        kwargs = {
            key: TOO_BIG if isinstance(converter, IdConverter) else "x"
            for key, converter in entry.pattern.converters.items()
        }
        path = reverse(name, kwargs=kwargs)
        for client in (anonymous, superuser_client):
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                assert response.status_code in (302, 404), (name, method, response.status_code)
                if client is superuser_client:
                    assert response.status_code == 404, (name, method)
        assert superuser_client.get(path.replace(str(TOO_BIG), HUGE)).status_code == 404


def test_comment_form_ids_past_the_database_are_refused_not_500(client, article):
    client.raise_request_exception = False
    assert client.post("/komentar/kirim/", {"article": HUGE}).status_code == 404
    response = client.post("/komentar/kirim/", {"article": article.pk, "parent": HUGE})
    assert response.status_code == 400
    assert client.get(f"{article.url}?balas={HUGE}").status_code == 200
