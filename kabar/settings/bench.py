"""`make bench`: the embedded default, with only what the benchmark needs changed."""

from .base import *  # noqa: F403

# Every benchmark request comes from 127.0.0.1 and one reader, so the per-IP and per-email
# comment limits would turn the comment-POST row into a count of 429 refusals. A limit of 0
# is "no limit" (kabar.core.antispam.rate_limit_hit). wrk posts one form's start token again and
# again, which a reader's browser never does, so tokens are not spent; everything else a POST
# goes through (CSRF, the start time's signature and age, honeypot, duplicate check, moderation
# rules) stays on.
COMMENTS_RATE_LIMIT_IP = (0, 600)
COMMENTS_RATE_LIMIT_EMAIL = (0, 600)
FORM_TOKENS_SINGLE_USE = False
