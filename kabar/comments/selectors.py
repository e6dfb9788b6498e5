"""Reads of reader comments for the public site: threads, pages of threads and counts."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.http import Http404

from kabar.core.ppms import HANDLING_TIME, ServiceClock, service_clock

from .models import CommentReport, CommentSettings, ReaderComment

PAGE_PARAM = "komentar-hal"


@dataclass
class CommentNode:
    comment: ReaderComment
    children: list["CommentNode"] = field(default_factory=list)


@dataclass
class CommentThread:
    page: PaginatorPage
    nodes: list[CommentNode]
    count: int


def comments_visible(*, article, own_ids: Iterable[int] = ()) -> list[ReaderComment]:
    """Approved comments on the article, plus the viewer's own held ones, oldest first."""
    own = Q(pk__in=list(own_ids), status=ReaderComment.Status.PENDING)
    return list(
        ReaderComment.objects.for_article(article)
        .filter(Q(status=ReaderComment.Status.APPROVED) | own)
        .in_thread_order()
        .defer("author_email", "author_ip", "user_agent")
    )


def comment_tree(comments: list[ReaderComment]) -> list[CommentNode]:
    """Top-level nodes with their replies nested; a reply whose parent is hidden stands alone."""
    nodes = {c.pk: CommentNode(c) for c in comments}
    roots = []
    for comment in comments:
        parent = nodes.get(comment.parent_id)
        (parent.children if parent else roots).append(nodes[comment.pk])
    return roots


def comment_thread(
    *, article, rules: CommentSettings, page_number="1", own_ids: Iterable[int] = (), strict=True
) -> CommentThread:
    """One page of the article's conversation; a bad page number is a 404 when `strict`."""
    comments = comments_visible(article=article, own_ids=own_ids)
    roots = comment_tree(comments)
    paginator = Paginator(roots, rules.per_page)
    raw = str(page_number or "1")
    if raw.isdigit() and 1 <= int(raw) <= paginator.num_pages:
        page = paginator.page(int(raw))
    elif strict:
        raise Http404("No such page of comments")
    else:
        page = paginator.page(1)
    approved = sum(c.status == ReaderComment.Status.APPROVED for c in comments)
    return CommentThread(page=page, nodes=list(page.object_list), count=approved)


def comment_page_number(*, comment: ReaderComment, rules: CommentSettings) -> int:
    """The page of the article's conversation on which the comment appears."""
    root = comment
    while root.parent_id:
        root = root.parent
    earlier_roots = (
        ReaderComment.objects.approved()
        .filter(article_id=comment.article_id, parent__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk))
        .count()
    )
    return earlier_roots // rules.per_page + 1


def comment_counts(*, article_ids: Iterable[int]) -> dict[int, int]:
    """Approved-comment counts for many articles in one query; articles without any get 0."""
    ids = list(article_ids)
    rows = (
        ReaderComment.objects.approved()
        .filter(article_id__in=ids)
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(ids, 0)
    counts.update({row["article_id"]: row["n"] for row in rows})
    return counts


def comment_counts_attach(articles: Iterable) -> list:
    """Set `article.comment_count` on each article from one query; returns them as a list."""
    articles = list(articles)
    counts = comment_counts(article_ids=[a.pk for a in articles])
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)
    return articles


# Dewan Pers' Pedoman Pemberitaan Media Siber: act on a complaint within 2×24 hours.
REPORT_DEADLINE = HANDLING_TIME
ReportClock = ServiceClock


def report_clock(*, first_report_at, now=None) -> ReportClock | None:
    """How long the oldest open report has waited, and what is left of the 2×24 hours."""
    if first_report_at is None:
        return None
    return service_clock(since=first_report_at, now=now)


def comments_with_reports(queryset=None):
    """Comments annotated with their open report count and when the oldest came in."""
    open_reports = Q(reports__resolved_at__isnull=True)
    return (queryset if queryset is not None else ReaderComment.objects.all()).annotate(
        open_reports=Count("reports", filter=open_reports),
        first_report_at=Min("reports__created_at", filter=open_reports),
    )


def comment_reported_count() -> int:
    """How many comments have at least one open report."""
    return CommentReport.objects.open().values("comment").distinct().count()
