"""Reads of complaints for the admin: the queue's counts and what is overdue."""

from django.db.models import Q
from django.utils import timezone

from .models import Complaint


def complaints_overdue(*, now=None, limit: int = 10) -> list[Complaint]:
    """The oldest open complaints past the 2×24 hours, for the dashboard."""
    return list(
        Complaint.objects.overdue(now=now or timezone.now())
        .select_related("article", "assigned_to")
        .order_by("created_at")[:limit]
    )


def complaints_open_count() -> int:
    return Complaint.objects.open().count()


def complaints_about_pages(pages) -> int:
    """How many complaints concern `pages` or a story below them (a section being deleted)."""
    paths = Q()
    for page in pages:
        paths |= Q(article__path__startswith=page.path)
    return Complaint.objects.filter(paths).count() if paths else 0
