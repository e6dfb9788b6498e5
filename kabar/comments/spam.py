"""Spam defences: rate limits in the cache, and the pluggable outside spam check (Akismet)."""

import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

from kabar.core.addresses import page_public_url, public_url
from kabar.core.antispam import rate_limit_hit

__all__ = ["rate_limit_hit", "comment_is_spam", "spam_checks"]

logger = logging.getLogger(__name__)

AKISMET_URL = "https://{key}.rest.akismet.com/1.1/comment-check"


class SpamCheck:
    """One step of the outside spam check; `is_spam` answers for a comment about to be saved."""

    def is_enabled(self) -> bool:
        return True

    def is_spam(self, *, comment, request_meta: dict) -> bool:
        raise NotImplementedError


class AkismetSpamCheck(SpamCheck):
    """Akismet's comment-check call, on when AKISMET_API_KEY is set; fails open if it is down."""

    timeout = 5

    def is_enabled(self) -> bool:
        return bool(getattr(settings, "AKISMET_API_KEY", ""))

    def is_spam(self, *, comment, request_meta: dict) -> bool:
        data = {
            "blog": public_url("/"),
            "user_ip": comment.author_ip or "",
            "user_agent": comment.user_agent,
            "referrer": request_meta.get("HTTP_REFERER", ""),
            "permalink": page_public_url(comment.article),
            "comment_type": "reply" if comment.parent_id else "comment",
            "comment_author": comment.author_name,
            "comment_author_email": comment.author_email,
            "comment_author_url": comment.author_url,
            "comment_content": comment.body,
            "blog_lang": "id",
            "blog_charset": "UTF-8",
        }
        request = urllib.request.Request(
            AKISMET_URL.format(key=settings.AKISMET_API_KEY),
            data=urllib.parse.urlencode(data).encode(),
            headers={"User-Agent": "Kabar/1.0 | Akismet"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = response.read().decode().strip()
        except (urllib.error.URLError, TimeoutError, OSError):
            # A moderator still sees the comment: better than losing it or blocking posting.
            logger.warning("Akismet could not be reached; the comment was not checked.")
            return False
        return answer == "true"


def spam_checks() -> tuple[SpamCheck, ...]:
    """The enabled checks named in the COMMENTS_SPAM_CHECKS setting."""
    checks = (import_string(path)() for path in settings.COMMENTS_SPAM_CHECKS)
    return tuple(check for check in checks if check.is_enabled())


def comment_is_spam(*, comment, request_meta: dict) -> bool:
    """True when any enabled outside check calls the comment spam."""
    return any(check.is_spam(comment=comment, request_meta=request_meta) for check in spam_checks())
