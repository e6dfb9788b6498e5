"""Reads for the planning screens."""

from django.db.models import QuerySet

from .models import Assignment


def assignments_open_for(*, user, limit: int = 10) -> QuerySet:
    """The reporter's assignments still to draft, the nearest deadline first."""
    return (
        Assignment.objects.filter(reporter_id=user.pk, status=Assignment.Status.ASSIGNED)
        .select_related("section")
        .order_by("deadline", "pk")[:limit]
    )
