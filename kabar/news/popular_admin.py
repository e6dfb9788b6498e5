"""The admin's "Most read" report: the stories readers opened most today and this week."""

import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from .panels import VIEW_PERMISSION
from .popular import most_read_since


def most_read_report_view(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    now = timezone.now()
    # "Today" is the newsroom's day (WIB), from local midnight.
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return TemplateResponse(
        request,
        "news/admin/most_read.html",
        {
            "today": most_read_since(since=midnight),
            "week": most_read_since(since=now - datetime.timedelta(days=7)),
        },
    )
