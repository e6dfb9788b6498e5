"""Dewan Pers' Pedoman Pemberitaan Media Siber: the newsroom answers a complaint in 2×24 hours."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

HANDLING_TIME = timedelta(hours=48)


@dataclass(frozen=True)
class ServiceClock:
    waiting: timedelta
    left: timedelta

    @property
    def overdue(self) -> bool:
        return self.left <= timedelta(0)

    @property
    def waiting_hours(self) -> int:
        return int(self.waiting.total_seconds() // 3600)

    @property
    def left_hours(self) -> int:
        return max(0, int(self.left.total_seconds() // 3600))


def service_clock(*, since: datetime, now: datetime | None = None) -> ServiceClock:
    """How long something has waited since `since`, and what is left of the 2×24 hours."""
    waiting = (now or timezone.now()) - since
    return ServiceClock(waiting=waiting, left=HANDLING_TIME - waiting)
