"""UU PDP: a commenter's data, exported or erased on request, by the reader or for them."""

from django.core import signing
from django.db import transaction
from wagtail.models import ModelLogEntry

from kabar.core.addresses import page_public_url
from kabar.core.personal_data import personal_data_erase, personal_data_export
from kabar.news.invalidation import articles_purge

from .models import ReaderComment

ACCESS_SALT = "kabar.comments.personal-data"
ACCESS_MAX_AGE = 24 * 3600


def personal_data_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=ACCESS_SALT, compress=True)


def personal_data_email(token: str) -> str | None:
    """The address an emailed access link is for, or None if altered or older than a day."""
    try:
        return signing.loads(token, salt=ACCESS_SALT, max_age=ACCESS_MAX_AGE)
    except signing.BadSignature:
        return None


def comment_data_export(*, email: str) -> dict:
    """Everything stored about the commenter with this address, as JSON-ready data."""
    comments = (
        ReaderComment.objects.filter(author_email__iexact=email)
        .select_related("article")
        .order_by("created_at", "pk")
    )
    return {
        "email": email,
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "article_url": page_public_url(c.article),
                "in_reply_to": c.parent_id,
                "name": c.author_name,
                "website": c.author_url,
                "ip_address": c.author_ip,
                "browser": c.user_agent,
                "comment": c.body,
                "status": c.status,
                "notify_replies": c.notify_replies,
                "posted_at": c.created_at.isoformat(),
            }
            for c in comments
        ],
    }


def _depth_renumber(root_ids: list[int]) -> None:
    """Give new top-level comments depth 1 and their replies the depths that follow."""
    level, depth = root_ids, 1
    while level:
        ReaderComment.objects.filter(pk__in=level).update(depth=depth)
        level = list(ReaderComment.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        depth += 1


def comment_data_erase(*, email: str) -> int:
    """Delete the commenter's comments; others' replies to them stay, as top-level comments."""
    mine = ReaderComment.objects.filter(author_email__iexact=email)
    ids = list(mine.values_list("pk", flat=True))
    if not ids:
        return 0
    articles = {c.article for c in mine.select_related("article")}
    with transaction.atomic():
        orphans = ReaderComment.objects.filter(parent_id__in=ids).exclude(pk__in=ids)
        orphan_ids = list(orphans.values_list("pk", flat=True))
        orphans.update(parent=None)
        _depth_renumber(orphan_ids)
        # The audit trail keeps who did what, but not the reader's name and words.
        ModelLogEntry.objects.filter(
            content_type__app_label="comments",
            content_type__model="readercomment",
            object_id__in=[str(pk) for pk in ids],
        ).update(label="—", data={})
        deleted = (
            ReaderComment.objects.filter(pk__in=ids).delete()[1].get(ReaderComment._meta.label, 0)
        )
    transaction.on_commit(lambda: articles_purge(articles))
    return deleted


def reader_data_export(*, email: str) -> dict:
    """The commenter's data, and what every other app registered in kabar.core.personal_data
    holds about the address (a newsletter subscription), under each app's name."""
    return {**comment_data_export(email=email), **personal_data_export(email=email)}


def reader_data_erase(*, email: str) -> int:
    """Erase the address's comments and its data in every registered app; how many comments
    went (the other apps' records go too)."""
    deleted = comment_data_erase(email=email)
    personal_data_erase(email=email)
    return deleted
