"""Comment emails run as background tasks, so posting and moderating never wait on SMTP."""

from django_tasks import task
from wagtail.models import Site

from . import notifications
from .models import CommentSettings, ReaderComment


def _rules_for(comment: ReaderComment) -> CommentSettings:
    site = comment.article.get_site() or Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site)


@task()
def comment_moderators_notify_task(comment_id: int, event: str) -> int:
    comment = ReaderComment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return 0
    return notifications.comment_moderators_notify(
        comment=comment, rules=_rules_for(comment), event=event
    )


@task()
def comment_reply_notify_task(comment_id: int) -> int:
    reply = ReaderComment.objects.select_related("parent", "article").filter(pk=comment_id).first()
    return notifications.comment_reply_notify(reply=reply) if reply else 0


@task()
def comment_confirmation_task(comment_id: int) -> int:
    comment = ReaderComment.objects.select_related("article").filter(pk=comment_id).first()
    return notifications.comment_confirmation_send(comment=comment) if comment else 0
