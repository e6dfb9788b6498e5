"""Dates read the way Indonesian newsrooms print them, in Jakarta time."""

import datetime

from django.utils import translation

from kabar.core.templatetags.kabar import iso_datetime, long_date, long_datetime

MOMENT = datetime.datetime(2024, 10, 29, 7, 5, tzinfo=datetime.UTC)


def test_long_datetime_is_indonesian_in_jakarta_time():
    with translation.override("id-id"):
        assert long_datetime(MOMENT) == "Selasa, 29 Oktober 2024 14:05 WIB"


def test_long_datetime_follows_the_active_language():
    with translation.override("en"):
        assert long_datetime(MOMENT) == "Tuesday, 29 October 2024 14:05 WIB"


def test_late_evening_utc_is_the_next_day_in_jakarta():
    late = datetime.datetime(2024, 10, 28, 20, 0, tzinfo=datetime.UTC)
    with translation.override("id-id"):
        assert long_date(late) == "Selasa, 29 Oktober 2024"


def test_long_date_takes_plain_dates():
    with translation.override("id-id"):
        assert long_date(datetime.date(2024, 8, 17)) == "Sabtu, 17 Agustus 2024"


def test_iso_datetime_carries_the_jakarta_offset():
    assert iso_datetime(MOMENT) == "2024-10-29T14:05:00+07:00"


def test_empty_values_render_nothing():
    assert long_datetime(None) == "" and long_date(None) == "" and iso_datetime(None) == ""
