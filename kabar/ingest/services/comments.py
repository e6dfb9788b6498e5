"""WordPress comments → reader comments, with their threads, statuses and dates."""

import ipaddress

from bs4 import BeautifulSoup
from django.db import transaction
from django.utils.translation import gettext as _

from kabar.comments.models import ReaderComment
from kabar.ingest.wxr.parse import WxrComment, WxrItem

from .run import ImportRun, checksum_of

STATUSES = {
    "1": ReaderComment.Status.APPROVED,
    "approve": ReaderComment.Status.APPROVED,
    "0": ReaderComment.Status.PENDING,
    "hold": ReaderComment.Status.PENDING,
    "spam": ReaderComment.Status.SPAM,
    "trash": ReaderComment.Status.TRASH,
    "post-trashed": ReaderComment.Status.TRASH,
}


def comment_text(markup: str) -> str:
    """A comment's HTML as the plain text reader comments are: scripts and tags gone."""
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup(["script", "style", "iframe", "object", "embed"]):
        element.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.insert_after("\n\n")
    return soup.get_text().strip()


def comment_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def comments_skip(*, run: ImportRun, item: WxrItem, reason: str) -> None:
    for comment in item.comments:
        run.summary.skip("comment", f"comment {comment.id} on {item.label}", reason)


def comments_upsert(*, run: ImportRun, item: WxrItem, article) -> None:
    """Reader comments for the post's comments, parents before replies."""
    for comment in sorted(item.comments, key=lambda c: c.id):
        label = f"comment {comment.id} on {item.label}"
        if comment.type in {"pingback", "trackback"}:
            run.summary.skip("comment", label, _("Pingbacks and trackbacks are not imported."))
            continue
        status = STATUSES.get(comment.approved)
        if status is None:
            run.summary.skip(
                "comment",
                label,
                _("Unknown comment status “%(status)s”.") % {"status": comment.approved},
            )
            continue
        comment_upsert(run=run, comment=comment, article=article, status=status, label=label)


def comment_upsert(
    *, run: ImportRun, comment: WxrComment, article, status: str, label: str
) -> None:
    checksum = checksum_of(comment, article.pk)
    record = run.record("comment", comment.id)
    existing = record.target if record else None
    if existing is not None and record.checksum == checksum:
        run.summary.count("comment", "unchanged")
        return
    parent = None
    if comment.parent_id:
        parent = run.target("comment", comment.parent_id)
        if parent is None:
            run.summary.warn(
                label,
                _("Its parent comment %(id)s is missing; it was kept as a comment of its own.")
                % {"id": comment.parent_id},
            )
    author = run.authors_by_id.get(comment.user_id) if comment.user_id else None
    with transaction.atomic():
        reader_comment = existing or ReaderComment()
        reader_comment.article = article
        if reader_comment.pk is None:
            reader_comment.parent = parent
        reader_comment.author_name = (comment.author or _("Anonymous"))[:100]
        reader_comment.author_email = comment.author_email[:254]
        reader_comment.author_url = comment.author_url[:200]
        reader_comment.author_ip = comment_ip(comment.author_ip)
        reader_comment.body = comment_text(comment.content)
        reader_comment.status = status
        # WordPress remembers what a trashed comment was, so it can be restored to that.
        before = comment.meta.get("_wp_trash_meta_status", "")
        reader_comment.previous_status = (
            STATUSES.get(before, "") if status == ReaderComment.Status.TRASH else ""
        )
        reader_comment.is_newsroom = author is not None
        reader_comment.user = author.user if author is not None else None
        reader_comment.save()
        if comment.date_gmt:
            # created_at is set on creation; WordPress's date is the one that counts.
            ReaderComment.objects.filter(pk=reader_comment.pk).update(created_at=comment.date_gmt)
        run.remember(
            "comment", comment.id, reader_comment, checksum=checksum, meta={"post_id": article.pk}
        )
    run.summary.count("comment", "updated" if existing else "created")
