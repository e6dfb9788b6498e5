"""Reads for the staff: their second factor, and the planning calendar (which stories are
scheduled, embargoed or in review, by day)."""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Revision, WorkflowState

from kabar.core.services import ADMIN_GROUP, EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP
from kabar.news.models import ArticlePage, SectionPage

# The roles that can publish, moderate and change the site: a stolen password must not be enough.
TWO_FACTOR_ROLES = (EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP, ADMIN_GROUP)


def two_factor_required(*, user) -> bool:
    """Whether this staff member must pass a second factor to reach the admin."""
    if not settings.STAFF_2FA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()


def two_factor_enabled(*, user) -> bool:
    """Whether the staff member has a confirmed authenticator app."""
    return user_has_device(user, confirmed=True)


def totp_device_confirmed(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(*, user) -> int:
    """How many unused recovery codes the staff member has."""
    return StaticToken.objects.filter(device__in=StaticDevice.objects.filter(user=user)).count()


# The planning calendar.

SCHEDULED, EMBARGOED, REVIEW = "scheduled", "embargoed", "review"
KINDS = {
    SCHEDULED: _("Scheduled"),
    EMBARGOED: _("Embargoed"),
    REVIEW: _("In review"),
}
WEEK, MONTH, LIST = "week", "month", "list"
LIST_DAYS = 30


@dataclass(frozen=True)
class PlanningEntry:
    """One story on one day: scheduled to go live, under embargo until, or submitted for review
    at `moment`."""

    article: ArticlePage
    kind: str
    moment: datetime.datetime

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.moment).date()

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class PlanningDay:
    date: datetime.date
    entries: list
    in_period: bool  # False for the neighbouring months' days that fill a month's weeks


def planning_period(*, layout: str, anchor: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first day and the day after the last of what the layout shows around `anchor`:
    its week (Monday first), the whole weeks covering its month, or LIST_DAYS from it."""
    if layout == MONTH:
        first = anchor.replace(day=1)
        last = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
        start = first - datetime.timedelta(days=first.weekday())
        end = last + datetime.timedelta(days=7 - last.weekday())
        return start, end
    if layout == LIST:
        return anchor, anchor + datetime.timedelta(days=LIST_DAYS)
    start = anchor - datetime.timedelta(days=anchor.weekday())
    return start, start + datetime.timedelta(days=7)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def planning_entries(
    *,
    start: datetime.date,
    end: datetime.date,
    section: SectionPage | None = None,
    kind: str = "",
) -> list[PlanningEntry]:
    """The scheduled, embargoed and in-review stories from `start` up to `end` (local days),
    under `section` if given, of one `kind` if given; in time order."""
    since, until = local_midnight(start), local_midnight(end)
    moments: list[tuple[int, str, datetime.datetime]] = []
    if kind in ("", SCHEDULED):
        scheduled = Revision.page_revisions.filter(
            approved_go_live_at__gte=since, approved_go_live_at__lt=until
        ).values_list("object_id", "approved_go_live_at")
        moments += [(int(pk), SCHEDULED, moment) for pk, moment in scheduled]
    if kind in ("", EMBARGOED):
        embargoed = ArticlePage.objects.filter(
            embargo_until__gte=since, embargo_until__lt=until
        ).values_list("pk", "embargo_until")
        moments += [(pk, EMBARGOED, moment) for pk, moment in embargoed]
    if kind in ("", REVIEW):
        in_review = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            created_at__gte=since,
            created_at__lt=until,
        ).values_list("object_id", "created_at")
        moments += [(int(pk), REVIEW, moment) for pk, moment in in_review]

    articles = ArticlePage.objects.filter(pk__in={pk for pk, _kind, _m in moments})
    if section is not None:
        articles = articles.descendant_of(section)
    found = {a.pk: a for a in articles.defer_streamfields().select_related("locale")}
    entries = [
        PlanningEntry(article=found[pk], kind=entry_kind, moment=moment)
        for pk, entry_kind, moment in moments
        if pk in found
    ]
    return sorted(entries, key=lambda e: (e.moment, e.article.pk, e.kind))


def planning_days(
    *, entries: list[PlanningEntry], start: datetime.date, end: datetime.date, period_month=None
) -> list[PlanningDay]:
    """Every day from `start` up to `end` with its entries."""
    by_day: dict[datetime.date, list] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    days = []
    day = start
    while day < end:
        in_period = period_month is None or day.month == period_month
        days.append(PlanningDay(date=day, entries=by_day.get(day, []), in_period=in_period))
        day += datetime.timedelta(days=1)
    return days


def planning_sections() -> list[SectionPage]:
    """Every section, for the filter, in tree order."""
    return list(SectionPage.objects.order_by("path"))
