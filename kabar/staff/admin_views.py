"""The planning calendar: scheduled, embargoed and in-review stories by day."""

import datetime
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors
from .forms import PlanningFilterForm


def period_step(*, layout: str, anchor: datetime.date, forward: bool) -> datetime.date:
    """The anchor of the next (or previous) week, month or list."""
    if layout == selectors.MONTH:
        month = anchor.month + (1 if forward else -1)
        year = anchor.year + (month - 1) // 12
        return datetime.date(year, (month - 1) % 12 + 1, 1)
    days = selectors.LIST_DAYS if layout == selectors.LIST else 7
    return anchor + datetime.timedelta(days=days if forward else -days)


def planning_calendar(request):
    """The calendar (a week or a month) or the list of the planned stories, filtered by the
    query string; a plain GET form, so it works without JavaScript."""
    form = PlanningFilterForm(request.GET or None)
    choices = form.choices()
    layout, anchor = choices["layout"], choices["anchor"]
    start, end = selectors.planning_period(layout=layout, anchor=anchor)
    entries = selectors.planning_entries(
        start=start, end=end, section=choices["section"], kind=choices["kind"]
    )
    period_month = anchor.month if layout == selectors.MONTH else None
    days = selectors.planning_days(entries=entries, start=start, end=end, period_month=period_month)

    def link(new_anchor) -> str:
        query = {k: v for k, v in request.GET.items() if v and k != "tanggal"}
        return "?" + urlencode({**query, "tanggal": new_anchor.isoformat()})

    context = {
        "form": form,
        "layout": layout,
        "start": start,
        "last": end - datetime.timedelta(days=1),
        "entries": entries,
        "days": days,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "weekdays": [day.date for day in days[:7]],
        "previous_link": link(period_step(layout=layout, anchor=anchor, forward=False)),
        "next_link": link(period_step(layout=layout, anchor=anchor, forward=True)),
        "title": _("Planning"),
    }
    return render(request, "staff/planning.html", context)
