"""The public forms' bot traps: rate limits counted in the database, single-use start tokens,
and the pruning of both once they have run out.

Counting across real processes is in kabar/comments/tests/test_limits_across_processes.py.
"""

import datetime
import time

import pytest
from django import forms
from django.core import signing
from django.core.management import call_command
from django.test import override_settings
from freezegun import freeze_time

from kabar.core.antispam import (
    FormStartedMixin,
    FormStartError,
    antispam_prune,
    form_started_check,
    form_started_issue,
    form_token_spend,
    rate_limit_hit,
)
from kabar.core.models import RateCounter, SpentFormToken

pytestmark = pytest.mark.django_db

SALT = "kabar.core.tests.form"
NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


def hits(n: int, **kwargs) -> list[bool]:
    return [rate_limit_hit(**kwargs) for _ in range(n)]


def test_rate_limit_allows_the_limit_then_refuses():
    assert hits(4, scope="ip", key="203.0.113.5", limit=3, window=600) == [
        False,
        False,
        False,
        True,
    ]


def test_rate_limits_count_each_scope_and_key_apart_and_keys_ignore_case():
    hits(2, scope="email", key="Budi@Example.id", limit=2, window=600)
    assert rate_limit_hit(scope="email", key="budi@example.ID", limit=2, window=600)
    assert not rate_limit_hit(scope="email", key="ani@example.id", limit=2, window=600)
    assert not rate_limit_hit(scope="report", key="budi@example.id", limit=2, window=600)


def test_a_rate_limit_window_starts_at_the_first_attempt_and_starts_over_when_it_ends():
    with freeze_time(NOW) as clock:
        hits(2, scope="ip", key="203.0.113.5", limit=2, window=600)
        clock.tick(599)
        assert rate_limit_hit(scope="ip", key="203.0.113.5", limit=2, window=600)
        clock.tick(1)
        assert hits(3, scope="ip", key="203.0.113.5", limit=2, window=600) == [False, False, True]
    counter = RateCounter.objects.get()
    assert counter.count == 3
    assert counter.expires_at == NOW + datetime.timedelta(seconds=1200)


def test_no_key_or_a_limit_of_zero_is_never_limited():
    assert hits(3, scope="ip", key="", limit=1, window=600) == [False] * 3
    assert hits(3, scope="ip", key="203.0.113.5", limit=0, window=600) == [False] * 3
    assert not RateCounter.objects.exists()


def test_rate_counters_keep_no_address():
    rate_limit_hit(scope="email", key="budi@example.id", limit=5, window=600)
    counter = RateCounter.objects.get()
    assert "budi" not in counter.digest and len(counter.digest) == 64


def test_every_start_token_is_unique_and_keeps_a_given_start_time():
    first = form_started_issue(salt=SALT, subject=7)
    second = form_started_issue(salt=SALT, subject=7)
    assert first != second
    again = form_started_issue(salt=SALT, subject=7, started=1_700_000_000)
    start = form_started_check(again, salt=SALT, min_seconds=0, max_age=60)
    assert (start.subject, start.started) == (7, 1_700_000_000)


def test_a_start_token_too_recent_says_when_it_started():
    token = form_started_issue(salt=SALT, subject=7)
    with pytest.raises(FormStartError) as exc:
        form_started_check(token, salt=SALT, min_seconds=30, max_age=60)
    assert exc.value.code == "too_fast" and exc.value.start.subject == 7


def test_a_forged_or_foreign_start_token_is_expired():
    for token in ("palsu", form_started_issue(salt="another.form", subject=7)):
        with pytest.raises(FormStartError) as exc:
            form_started_check(token, salt=SALT, min_seconds=0, max_age=60)
        assert exc.value.code == "expired" and exc.value.start is None


def test_tokens_handed_out_before_they_were_unique_are_still_read():
    # Cached pages may still carry the two-item tokens of the previous release.
    token = signing.dumps([7, int(time.time()) - 60], salt=SALT)
    assert form_started_check(token, salt=SALT, min_seconds=3, max_age=60).subject == 7


def test_a_token_can_be_spent_once():
    token = form_started_issue(salt=SALT, subject=7)
    assert form_token_spend(token=token)
    assert not form_token_spend(token=token)
    assert form_token_spend(token=form_started_issue(salt=SALT, subject=7))
    assert SpentFormToken.objects.count() == 2


@override_settings(FORM_TOKENS_SINGLE_USE=False)
def test_single_use_can_be_turned_off_for_the_benchmark():
    token = form_started_issue(salt=SALT, subject=7)
    assert form_token_spend(token=token) and form_token_spend(token=token)


def test_pruning_deletes_only_what_has_run_out(settings):
    with freeze_time(NOW) as clock:
        rate_limit_hit(scope="ip", key="old", limit=5, window=60)
        form_token_spend(token="old-token", max_age=60)
        rate_limit_hit(scope="ip", key="new", limit=5, window=600)
        form_token_spend(token="new-token", max_age=600)
        clock.tick(60)
        call_command("antispam_prune")
        assert antispam_prune() == 0
    assert RateCounter.objects.count() == 1 and SpentFormToken.objects.count() == 1
    assert not form_token_spend(token="new-token")
    assert "antispam_prune" in settings.SCHEDULED_COMMANDS


class StartedForm(FormStartedMixin, forms.Form):
    started_salt = SALT
    started_messages = {"too_fast": "Cepat.", "expired": "Kedaluwarsa.", "spent": "Terpakai."}
    started = forms.CharField(widget=forms.HiddenInput)

    def started_min_seconds(self) -> float:
        return 3


def test_the_form_mixin_checks_the_start_time_and_spends_the_token_once():
    token = form_started_issue(salt=SALT, subject="x", started=int(time.time()) - 60)
    form = StartedForm({"started": token})
    assert form.is_valid() and form.form_start.subject == "x"
    assert form.started_spend()
    replay = StartedForm({"started": token})
    assert replay.is_valid()  # a genuine token: only spending it again fails
    assert not replay.started_spend()


def test_the_form_mixin_gives_each_failure_its_message():
    too_fast = StartedForm({"started": form_started_issue(salt=SALT, subject="x")})
    assert not too_fast.is_valid()
    assert too_fast.errors["started"] == ["Cepat."] and too_fast.form_start.subject == "x"
    forged = StartedForm({"started": "palsu"})
    assert not forged.is_valid()
    assert forged.errors["started"] == ["Kedaluwarsa."] and forged.form_start is None
