"""Signed links in newsletter emails (django.core.signing): nothing to store, nothing to guess.

A confirmation link names the address and the moment the confirmation was asked for, and
expires; the preferences and unsubscribe link names the address only and works for as long
as the address is subscribed, from any email ever sent to it.
"""

from django.core import signing

CONFIRM_SALT = "kabar.newsletters.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600
MANAGE_SALT = "kabar.newsletters.manage"


def confirm_token(*, email: str, requested_at) -> str:
    return signing.dumps([email, requested_at.timestamp()], salt=CONFIRM_SALT, compress=True)


def confirm_token_read(token: str) -> tuple[str, float] | None:
    """(address, requested-at timestamp) of a genuine, unexpired confirmation link, or None."""
    try:
        email, stamp = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return str(email), float(stamp)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def manage_token(email: str) -> str:
    return signing.dumps(email, salt=MANAGE_SALT, compress=True)


def manage_token_read(token: str) -> str | None:
    """The address of a genuine preferences/unsubscribe link, or None."""
    try:
        email = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    return email if isinstance(email, str) else None
