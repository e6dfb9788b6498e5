"""Template helpers for the public site: dates as Indonesians read them."""

from django import template
from django.utils import dateformat, timezone

register = template.Library()

# "Selasa, 29 Oktober 2024 14:05 WIB"; day and month names follow the active language.
LONG_DATETIME = "l, j F Y H:i T"
LONG_DATE = "l, j F Y"


@register.filter
def long_datetime(value):
    """The moment in the site's time zone, written out in full with its zone."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value), LONG_DATETIME)


@register.filter
def long_date(value):
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return dateformat.format(value, LONG_DATE)


@register.filter
def iso_datetime(value):
    """The moment as ISO 8601 with its offset, for <time datetime> and machine readers."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""
