"""Emails about comments: moderators hear of held and reported ones, readers of replies."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kabar.core.addresses import page_public_url, public_url
from kabar.core.personal_data import personal_data_count
from kabar.core.text import text_single_line

from .models import CommentSettings, ReaderComment
from .personal_data import personal_data_token

UNSUBSCRIBE_SALT = "kabar.comments.unsubscribe"
CONFIRM_SALT = "kabar.comments.confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600


def moderator_emails(rules: CommentSettings) -> list[str]:
    """Who hears about the queue: the setting's list, else everyone allowed to moderate."""
    if listed := CommentSettings.key_list(rules.notify_emails):
        return listed
    may_moderate = Q(groups__permissions__codename="change_readercomment") | Q(
        user_permissions__codename="change_readercomment"
    )
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return sorted(
        set(users.filter(Q(is_superuser=True) | may_moderate).values_list("email", flat=True))
    )


def unsubscribe_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_email(token: str) -> str | None:
    """The address a link from a reply email unsubscribes, or None if the link was altered."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def _subject(template: str, context: dict) -> str:
    """The rendered subject on one line: a line break (say, in a reader's name) would make
    the mail library refuse the message."""
    return text_single_line(render_to_string(template, context))


def comment_moderators_notify(*, comment: ReaderComment, rules: CommentSettings, event: str):
    """Email the moderators that a comment is waiting ("held") or was reported ("reported")."""
    recipients = moderator_emails(rules)
    if not recipients:
        return 0
    edit_url = public_url(reverse("wagtailsnippets_comments_readercomment:edit", args=[comment.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "comment": comment,
            "event": event,
            "edit_url": edit_url,
            # What the readers said, so a moderator can judge from the email alone.
            "reports": list(comment.reports.open().order_by("created_at")),
            "queue_url": public_url(reverse("wagtailsnippets_comments_readercomment:list")),
        }
        subject = _subject("comments/email/moderators_subject.txt", context)
        body = render_to_string("comments/email/moderators.txt", context)
    return send_mail(subject, body, None, recipients)


def comment_reply_notify(*, reply: ReaderComment) -> int:
    """Tell the parent's author about an approved reply, once, if they asked to be told."""
    parent = reply.parent
    if (
        parent is None
        or reply.status != ReaderComment.Status.APPROVED
        or reply.reply_notified_at is not None
        or not parent.notify_replies
        or parent.author_email.lower() == reply.author_email.lower()
    ):
        return 0
    ReaderComment.objects.filter(pk=reply.pk).update(reply_notified_at=timezone.now())
    unsubscribe = public_url(
        reverse("comments:unsubscribe", args=[unsubscribe_token(parent.author_email)])
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "reply": reply,
            "parent": parent,
            "unsubscribe_url": unsubscribe,
            "reply_url": f"{page_public_url(reply.article)}#{reply.anchor}",
        }
        subject = _subject("comments/email/reply_subject.txt", context)
        body = render_to_string("comments/email/reply.txt", context)
    message = EmailMessage(
        subject, body, None, [parent.author_email], headers={"List-Unsubscribe": f"<{unsubscribe}>"}
    )
    return message.send()


def confirmation_token(comment: ReaderComment) -> str:
    return signing.dumps([comment.pk, comment.author_email.lower()], salt=CONFIRM_SALT)


def confirmation_comment(token: str) -> ReaderComment | None:
    """The comment a confirmation link is for, or None if it was altered or has expired."""
    try:
        pk, email = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return ReaderComment.objects.filter(pk=pk, author_email__iexact=email).first()


def comment_confirmation_send(*, comment: ReaderComment) -> int:
    """Email the reader the link that confirms their comment (commenting mode 2)."""
    link = public_url(reverse("comments:confirm", args=[confirmation_token(comment)]))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"comment": comment, "confirm_url": link}
        subject = _subject("comments/email/confirm_subject.txt", context)
        body = render_to_string("comments/email/confirm.txt", context)
    return send_mail(subject, body, None, [comment.author_email])


def personal_data_link_send(*, email: str) -> int:
    """Email the address a link to see, download or delete its comments (UU PDP)."""
    held = ReaderComment.objects.filter(author_email__iexact=email).exists()
    if not held and not personal_data_count(email=email):
        return 0
    link = public_url(reverse("comments:my_data", args=[personal_data_token(email)]))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"link": link}
        subject = _subject("comments/email/personal_data_subject.txt", context)
        body = render_to_string("comments/email/personal_data.txt", context)
    return send_mail(subject, body, None, [email])
