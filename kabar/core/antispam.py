"""Bot traps shared by the public forms (comments, complaints): rate limits and a signed,
single-use start time.

A honeypot field plus a signed "form handed out at" time stops most bots without a captcha
(no third-party script); a counter per key stops floods. Counters and spent tokens live in the
database, so every process sees the same ones: with a per-process cache each gunicorn worker
allowed the whole limit again, and each could be sent the same form once more.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import RateCounter, SpentFormToken

# A form older than this (a page held long in a cache) is re-issued rather than refused.
FORM_STARTED_MAX_AGE = 7 * 24 * 3600


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _rate_count_sql() -> str:
    """One statement that counts an attempt and returns the count (SQLite ≥ 3.35, PostgreSQL).

    It inserts the key's row, or adds one to its running window, or starts a new window when
    the old one has run out. A single statement is atomic on both databases, so concurrent
    attempts from any number of processes each get a count of their own.
    """
    q = connection.ops.quote_name
    table, count, expires = q(RateCounter._meta.db_table), q("count"), q("expires_at")
    return (
        f"INSERT INTO {table} ({q('scope')}, {q('digest')}, {count}, {expires}) "
        f"VALUES (%s, %s, 1, %s) "
        f"ON CONFLICT ({q('scope')}, {q('digest')}) DO UPDATE SET "
        f"{count} = CASE WHEN {table}.{expires} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
        f"{expires} = CASE WHEN {table}.{expires} <= %s "
        f"THEN excluded.{expires} ELSE {table}.{expires} END "
        f"RETURNING {count}"
    )


def rate_limit_hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt for `key`; True when it is over `limit` within `window` seconds.

    The window starts at the key's first attempt; a limit of 0 is no limit.
    """
    if not key or limit <= 0:
        return False
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = [
        scope,
        _digest(key.lower()),
        adapt(now + timedelta(seconds=window)),
        adapt(now),
        adapt(now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_rate_count_sql(), params)
        (count,) = cursor.fetchone()
    return count > limit


def antispam_prune() -> int:
    """Delete the counters and spent tokens that have run out; how many rows went."""
    now = timezone.now()
    counters, _ = RateCounter.objects.filter(expires_at__lte=now).delete()
    tokens, _ = SpentFormToken.objects.filter(expires_at__lte=now).delete()
    return counters + tokens


@dataclass(frozen=True)
class FormStart:
    """What a genuine start token says: what the form is about and when it was handed out."""

    subject: object
    started: int


class FormStartError(Exception):
    """The signed start time is missing, altered or expired ("expired"), or too recent
    ("too_fast", with the genuine `start`)."""

    def __init__(self, code: str, start: FormStart | None = None):
        super().__init__(code)
        self.code = code
        self.start = start


def form_started_issue(*, salt: str, subject, started: int | None = None) -> str:
    """A signed token, unique to one form, saying when a form about `subject` was handed out.

    `started` keeps an earlier start time: a form handed back to its reader is not a new one.
    """
    started = int(time.time()) if started is None else int(started)
    return signing.dumps([subject, started, secrets.token_urlsafe(9)], salt=salt)


def form_started_check(token: str, *, salt: str, min_seconds: float, max_age: int) -> FormStart:
    """What a genuine token at least `min_seconds` old says; raise FormStartError if not."""
    try:
        # Tokens from before they were unique have no third item.
        subject, started, *_unique = signing.loads(token, salt=salt, max_age=max_age)
        start = FormStart(subject=subject, started=int(started))
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise FormStartError("expired") from exc
    if time.time() - start.started < min_seconds:
        raise FormStartError("too_fast", start)
    return start


def form_token_spend(*, token: str, max_age: int = FORM_STARTED_MAX_AGE) -> bool:
    """Record that `token` has been used; False if it already had been (a replay).

    A unique row per token, inserted once: of two processes sending the same token at the same
    moment, one insert fails. Kept until the token itself has expired, then pruned.
    """
    if not settings.FORM_TOKENS_SINGLE_USE:
        return True
    expires_at = timezone.now() + timedelta(seconds=max_age)
    try:
        with transaction.atomic():
            SpentFormToken.objects.create(digest=_digest(token), expires_at=expires_at)
    except IntegrityError:
        return False
    return True


class FormStartedMixin:
    """The checks of a public form's `started` field: a genuine, old enough, unspent token.

    The form declares `started = forms.CharField(widget=forms.HiddenInput)`, names its salt and
    minimum fill time, and gives its messages. After validation `form_start` holds what the
    token says (also when it was only too recent); the view calls `started_spend()` once it
    is about to act on the submission.
    """

    started_salt: str
    started_max_age = FORM_STARTED_MAX_AGE
    # {"too_fast": ..., "expired": ..., "spent": ...}: what the reader is told, per form.
    started_messages: dict

    def started_min_seconds(self) -> float:
        raise NotImplementedError

    def clean_started(self):
        token = self.cleaned_data["started"]
        self.form_start = None
        try:
            self.form_start = form_started_check(
                token,
                salt=self.started_salt,
                min_seconds=self.started_min_seconds(),
                max_age=self.started_max_age,
            )
        except FormStartError as exc:
            self.form_start = exc.start
            raise forms.ValidationError(self.started_messages[exc.code], code=exc.code) from exc
        return token

    def started_spend(self) -> bool:
        """Use the form's token up; False when it has been used before (the form sent twice)."""
        return form_token_spend(token=self.cleaned_data["started"], max_age=self.started_max_age)
