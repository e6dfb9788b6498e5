"""Changes to reader comments: posting, moderating, and the side effects that follow."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kabar.news.invalidation import article_purge, articles_purge
from kabar.news.models import ArticlePage

from .models import CommentReport, CommentSettings, ReaderComment
from .spam import comment_is_spam, rate_limit_hit
from .tasks import (
    comment_confirmation_task,
    comment_moderators_notify_task,
    comment_reply_notify_task,
)
from .text import comment_link_count

Status = ReaderComment.Status


class CommentRejected(Exception):
    """The comment was refused outright; `message` says why, for the reader."""

    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def comments_closed_reason(*, article, rules: CommentSettings) -> str:
    """Why readers may not comment on the article now, or "" when they may."""
    if not article.comments_open:
        return _("Comments are closed for this article.")
    if rules.close_after_days and article.first_published_at:
        if timezone.now() - article.first_published_at > timedelta(days=rules.close_after_days):
            return _("Comments are closed for this article.")
    return ""


def _matches(keys: list[str], *values: str) -> str:
    """The first key found in any of the values, or ""."""
    haystacks = [v.lower() for v in values if v]
    return next((k for k in keys if any(k in h for h in haystacks)), "")


def _reply_parent(*, article, parent: ReaderComment | None, max_depth: int):
    """The comment a reply hangs under: at most `max_depth` deep, on the same article."""
    if parent is None:
        return None
    if parent.article_id != article.pk or parent.status != Status.APPROVED:
        raise CommentRejected(_("The comment you are replying to does not exist."))
    # Past the deepest level a reply joins its parent's conversation one level up.
    while parent is not None and parent.depth >= max_depth:
        parent = parent.parent
    return parent


def _moderation_status(*, comment: ReaderComment, rules: CommentSettings, request_meta: dict):
    """The status a new comment starts in and, when held, why."""
    fields = (
        comment.body,
        comment.author_name,
        comment.author_email,
        comment.author_url,
        comment.author_ip or "",
    )
    if key := _matches(CommentSettings.key_list(rules.spam_keys), *fields):
        return Status.SPAM, _("Contains “%(key)s” from the spam list.") % {"key": key}
    if comment.is_newsroom:
        return Status.APPROVED, ""
    if comment_is_spam(comment=comment, request_meta=request_meta):
        return Status.SPAM, _("The spam check flagged it.")
    if rules.hold_all:
        return Status.PENDING, _("Every comment is held.")
    if comment_link_count(comment.body) > rules.max_links:
        return Status.PENDING, _("Contains more than %(n)s links.") % {"n": rules.max_links}
    if key := _matches(CommentSettings.key_list(rules.hold_keys), *fields):
        return Status.PENDING, _("Contains “%(key)s” from the hold list.") % {"key": key}
    if rules.hold_first_comment and not (
        ReaderComment.objects.approved().filter(author_email__iexact=comment.author_email).exists()
    ):
        return Status.PENDING, _("First comment from this email address.")
    return Status.APPROVED, ""


def comment_submit(
    *,
    article,
    rules: CommentSettings,
    body: str,
    author_name: str = "",
    author_email: str = "",
    author_url: str = "",
    parent: ReaderComment | None = None,
    user=None,
    ip: str | None = None,
    user_agent: str = "",
    request_meta: dict | None = None,
    notify_replies: bool = False,
    confirmed_email: str = "",
) -> ReaderComment:
    """Store a reader's comment in the status the rules give it; raise CommentRejected if refused.

    `confirmed_email` is the address this browser has already confirmed (commenting mode 2).
    """
    if reason := comments_closed_reason(article=article, rules=rules):
        raise CommentRejected(reason, status_code=403)
    logged_in = bool(user is not None and user.is_authenticated)
    if rules.mode == CommentSettings.Mode.REGISTERED and not logged_in:
        raise CommentRejected(_("Please log in to comment."), status_code=403)
    is_staff = bool(logged_in and user.is_staff)
    if user is not None and user.is_authenticated:
        author_name = user.get_full_name() or user.get_username()
        author_email = user.email or author_email
    blocked = CommentSettings.key_list(rules.blocked_keys)
    if _matches(blocked, author_email, ip or "") and not is_staff:
        raise CommentRejected(_("You are not allowed to comment on this site."), status_code=403)
    if not is_staff:
        ip_limit, ip_window = settings.COMMENTS_RATE_LIMIT_IP
        email_limit, email_window = settings.COMMENTS_RATE_LIMIT_EMAIL
        if rate_limit_hit(scope="ip", key=ip or "", limit=ip_limit, window=ip_window) or (
            rate_limit_hit(scope="email", key=author_email, limit=email_limit, window=email_window)
        ):
            raise CommentRejected(
                _("You are posting comments too quickly. Please wait a few minutes."),
                status_code=429,
            )
    if ReaderComment.objects.filter(
        article=article, author_email__iexact=author_email, body=body.strip()
    ).exists():
        raise CommentRejected(_("You have already posted this comment."), status_code=409)

    comment = ReaderComment(
        article=article,
        parent=_reply_parent(article=article, parent=parent, max_depth=rules.max_depth),
        user=user if user is not None and user.is_authenticated else None,
        author_name=author_name.strip(),
        author_email=author_email.strip(),
        author_url=author_url.strip(),
        author_ip=ip,
        user_agent=user_agent[:255],
        body=body.strip(),
        is_newsroom=is_staff,
        notify_replies=notify_replies,
    )
    comment.status, comment.hold_reason = _moderation_status(
        comment=comment, rules=rules, request_meta=request_meta or {}
    )
    needs_confirmation = (
        rules.mode == CommentSettings.Mode.CONFIRMED
        and not logged_in
        and comment.status != Status.SPAM
        and confirmed_email.lower() != comment.author_email.lower()
    )
    if needs_confirmation:
        comment.status, comment.awaiting_confirmation = Status.PENDING, True
        comment.hold_reason = _("Waiting for the reader to confirm their email address.")
    with transaction.atomic():
        comment.save()
    if needs_confirmation:
        transaction.on_commit(lambda: comment_confirmation_task.enqueue(comment.pk))
    elif comment.status == Status.APPROVED:
        transaction.on_commit(lambda: comment_page_purge(comment=comment))
        transaction.on_commit(lambda: comment_reply_notify_task.enqueue(comment.pk))
    elif comment.status == Status.PENDING:
        transaction.on_commit(lambda: comment_moderators_notify_task.enqueue(comment.pk, "held"))
    return comment


def comment_confirm(*, comment: ReaderComment, rules: CommentSettings) -> ReaderComment:
    """The reader followed the emailed link: apply the usual rules to the comment now."""
    if not comment.awaiting_confirmation:
        return comment
    comment.awaiting_confirmation = False
    comment.status, comment.hold_reason = _moderation_status(
        comment=comment, rules=rules, request_meta={}
    )
    with transaction.atomic():
        comment.save(update_fields=["awaiting_confirmation", "status", "hold_reason"])
    if comment.status == Status.APPROVED:
        transaction.on_commit(lambda: comment_page_purge(comment=comment))
        transaction.on_commit(lambda: comment_reply_notify_task.enqueue(comment.pk))
    elif comment.status == Status.PENDING:
        transaction.on_commit(lambda: comment_moderators_notify_task.enqueue(comment.pk, "held"))
    return comment


def comment_page_purge(*, comment: ReaderComment) -> None:
    """Purge every page showing the article: its comments, and its comment count on cards."""
    article_purge(comment.article)


def _comment_moderate(*, comment, status, moderator, action: str) -> ReaderComment:
    was_public = comment.status == Status.APPROVED
    if status in (Status.SPAM, Status.TRASH) and comment.status not in (Status.SPAM, Status.TRASH):
        comment.previous_status = comment.status
    comment.status = status
    comment.moderated_by, comment.moderated_at = moderator, timezone.now()
    with transaction.atomic():
        comment.save(update_fields=["status", "previous_status", "moderated_by", "moderated_at"])
        # Any decision on a reported comment answers its open reports.
        comment.reports.open().update(resolved_at=comment.moderated_at, resolved_by=moderator)
        log(instance=comment, action=action, user=moderator)
    if was_public or status == Status.APPROVED:
        transaction.on_commit(lambda: comment_page_purge(comment=comment))
    if status == Status.APPROVED and comment.parent_id:
        transaction.on_commit(lambda: comment_reply_notify_task.enqueue(comment.pk))
    return comment


def comment_approve(*, comment: ReaderComment, moderator) -> ReaderComment:
    """Publish the comment and record who approved it."""
    return _comment_moderate(
        comment=comment, status=Status.APPROVED, moderator=moderator, action="comments.approve"
    )


def comment_unapprove(*, comment: ReaderComment, moderator) -> ReaderComment:
    """Take a published comment back to the queue."""
    return _comment_moderate(
        comment=comment, status=Status.PENDING, moderator=moderator, action="comments.unapprove"
    )


def comment_mark_spam(*, comment: ReaderComment, moderator) -> ReaderComment:
    return _comment_moderate(
        comment=comment, status=Status.SPAM, moderator=moderator, action="comments.spam"
    )


def comment_trash(*, comment: ReaderComment, moderator) -> ReaderComment:
    return _comment_moderate(
        comment=comment, status=Status.TRASH, moderator=moderator, action="comments.trash"
    )


def comment_restore(*, comment: ReaderComment, moderator) -> ReaderComment:
    """Bring a trashed or spammed comment back to the status it had before."""
    status = comment.previous_status or Status.PENDING
    if status in (Status.SPAM, Status.TRASH):
        status = Status.PENDING
    return _comment_moderate(
        comment=comment, status=status, moderator=moderator, action="comments.restore"
    )


def comment_edit(
    *, comment: ReaderComment, editor, body: str, author_name: str, author_url: str = ""
) -> ReaderComment:
    """Correct a comment's text or its author's name and website, as a moderator.

    Readers see a published comment's new words at once: its article's pages are purged.
    """
    comment.body, comment.author_name = body.strip(), author_name.strip()
    comment.author_url = author_url.strip()
    with transaction.atomic():
        comment.save(update_fields=["body", "author_name", "author_url"])
        log(instance=comment, action="wagtail.edit", user=editor)
    if comment.status == Status.APPROVED:
        transaction.on_commit(lambda: comment_page_purge(comment=comment))
    return comment


def _with_replies(ids: list[int]) -> set[int]:
    """The comments and every reply below them, at any depth."""
    found, level = set(ids), list(ids)
    while level:
        level = list(
            ReaderComment.objects.filter(parent_id__in=level)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(level)
    return found


def comments_delete(*, comments, user) -> int:
    """Delete comments for good, with the replies below them; how many went in all.

    The articles where readers saw any of them (published ones) are purged once each.
    """
    ids = [comment.pk for comment in comments]
    public = ReaderComment.objects.approved().filter(pk__in=_with_replies(ids))
    articles = list(ArticlePage.objects.filter(pk__in=public.values("article_id")))
    with transaction.atomic():
        for comment in comments:
            log(instance=comment, action="wagtail.delete", user=user, deleted=True)
        counts = ReaderComment.objects.filter(pk__in=ids).delete()[1]
    if articles:
        transaction.on_commit(lambda: articles_purge(articles))
    return counts.get(ReaderComment._meta.label, 0)


def comment_report(*, comment: ReaderComment, reason: str, detail: str = "", ip=None):
    """Record a reader's report for the moderation queue; raise if they report too often."""
    if comment.status != Status.APPROVED:
        raise CommentRejected(_("This comment cannot be reported."), status_code=404)
    limit, window = settings.COMMENTS_RATE_LIMIT_IP
    if rate_limit_hit(scope="report", key=ip or "", limit=limit, window=window):
        raise CommentRejected(
            _("You are sending reports too quickly. Please wait a few minutes."), status_code=429
        )
    report = CommentReport.objects.create(
        comment=comment, reason=reason, detail=detail.strip(), reporter_ip=ip
    )
    transaction.on_commit(lambda: comment_moderators_notify_task.enqueue(comment.pk, "reported"))
    return report


def comment_replies_unsubscribe(*, email: str) -> int:
    """Stop reply emails to the address; returns how many comments it had asked them for."""
    return ReaderComment.objects.filter(author_email__iexact=email, notify_replies=True).update(
        notify_replies=False
    )
