"""Fixtures for the comment tests: a clean cache, comment settings and form data.

The article commented on is the root conftest.py's `article`.
"""

import time

import pytest
from django.core.cache import cache

from kabar.comments.forms import form_timestamp_issue
from kabar.comments.models import CommentSettings


@pytest.fixture(autouse=True)
def _fresh_state():
    """The cache is reset (rate-limit counters live in the database, which each test gets
    clean)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(home):
    """The site in the open mode: these tests exercise posting by name and email.

    A new site starts in the registered-readers mode; test_modes checks that default.
    """
    from wagtail.models import Site

    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.mode = CommentSettings.Mode.OPEN
    rules.save()
    return home


@pytest.fixture
def rules(home):
    from wagtail.models import Site

    return CommentSettings.for_site(Site.objects.get(is_default_site=True))


def started_token(article_id: int, seconds_ago: int = 60) -> str:
    """A form's own start token, handed out `seconds_ago`; each call makes a new one."""
    return form_timestamp_issue(article_id, started=int(time.time()) - seconds_ago)


def form_data(target, **overrides) -> dict:
    """The fields a reader's browser posts for `target` (an article), with `overrides`."""
    article = target
    data = {
        "article": article.pk,
        "started": started_token(article.pk),
        "body": "Semoga banjir cepat surut.",
        "name": "Budi",
        "email": "budi@example.id",
        "url": "",
        "alamat_kantor": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
