"""The planning calendar: scheduled, embargoed and in-review stories by day, in Indonesian."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Workflow

from kabar.core.services import REVIEW_WORKFLOW
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

# Wednesday 30 October 2024, 10.00 in Jakarta.
NOW = datetime.datetime(2024, 10, 30, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time(NOW, tick=True):
        yield


def at(day: int, hour: int) -> datetime.datetime:
    """A time in Jakarta on a day of October 2024 (or, past 31, of November)."""
    base = datetime.datetime(2024, 10, 1, hour, tzinfo=timezone.get_current_timezone())
    return base + datetime.timedelta(days=day - 1)


@pytest.fixture
def planned(section, writer):
    """One story of each kind this week, and one live story that is none of them."""
    author = AuthorFactory()
    scheduled = ArticlePageFactory(
        parent=section, title="Sidang kabinet", live=False, authors=[author]
    )
    scheduled.go_live_at = at(31, 14)
    scheduled.save_revision(approved_go_live_at=at(31, 14)).publish()
    embargoed = ArticlePageFactory(
        parent=section, title="Laporan BPK", authors=[author], embargo_until=at(1 + 31, 9)
    )
    in_review = ArticlePageFactory(
        parent=section, title="Banjir Bekasi", live=False, authors=[author]
    )
    in_review.save_revision(user=writer)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(in_review, writer)
    ArticlePageFactory(parent=section, title="Berita biasa", authors=[author])
    return {"scheduled": scheduled, "embargoed": embargoed, "in_review": in_review}


def planning(client, **params):
    return client.get(reverse("staff_planning"), params)


def test_the_week_shows_each_planned_story_on_its_day_with_a_link_to_edit(client, editor, planned):
    client.force_login(editor)
    response = planning(client)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Perencanaan" in html and "Senin" in html and "Minggu" in html
    days = {day.date: [e.article.title for e in day.entries] for day in response.context["days"]}
    assert days[datetime.date(2024, 10, 30)] == ["Banjir Bekasi"]
    assert days[datetime.date(2024, 10, 31)] == ["Sidang kabinet"]
    assert days[datetime.date(2024, 11, 1)] == ["Laporan BPK"]
    assert "Berita biasa" not in html
    for label in ("Terjadwal", "Diembargo", "Dalam tinjauan"):
        assert label in html
    for story in planned.values():
        assert reverse("wagtailadmin_pages:edit", args=(story.pk,)) in html
    assert "3 berita terencana dalam periode ini." in html


def test_status_and_section_filters(client, editor, planned, home):
    client.force_login(editor)
    embargoed_only = planning(client, status="embargoed").content.decode()
    assert "Laporan BPK" in embargoed_only
    assert "Sidang kabinet" not in embargoed_only and "Banjir Bekasi" not in embargoed_only

    other = SectionPageFactory(parent=home, title="Olahraga", slug="olahraga")
    ArticlePageFactory(parent=other, title="Final liga", embargo_until=at(31, 20))
    sport = planning(client, rubrik=other.pk).content.decode()
    assert "Final liga" in sport and "Laporan BPK" not in sport


def test_month_and_list_views(client, editor, planned):
    client.force_login(editor)
    month = planning(client, tampilan="month", tanggal="2024-11-15")
    weeks = month.context["weeks"]
    # The whole weeks covering November 2024, Monday 28 October to Sunday 1 December.
    assert weeks[0][0].date == datetime.date(2024, 10, 28)
    assert weeks[-1][-1].date == datetime.date(2024, 12, 1)
    assert all(len(week) == 7 for week in weeks)
    html = month.content.decode()
    assert "Laporan BPK" in html and "Sidang kabinet" in html
    assert "tanggal=2024-10-01" in html and "tanggal=2024-12-01" in html

    listing = planning(client, tampilan="list").content.decode()
    assert "Kamis, 31 Oktober 2024" in listing and "Sidang kabinet" in listing
    assert listing.index("Banjir Bekasi") < listing.index("Sidang kabinet")


def test_a_wrong_date_falls_back_to_this_week(client, editor, planned):
    client.force_login(editor)
    response = planning(client, tanggal="kemarin", status="semua")
    assert response.status_code == 200
    assert response.context["start"] == datetime.date(2024, 10, 28)
    assert len(response.context["entries"]) == 3


def test_the_calendar_is_in_the_admin_menu_and_needs_a_login(client, editor):
    assert planning(client).status_code == 302
    client.force_login(editor)
    assert reverse("staff_planning") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_calendars_queries_do_not_grow_with_the_stories(
    client, editor, planned, section, django_assert_max_num_queries
):
    client.force_login(editor)
    planning(client)  # warm up the session and the content types
    with CaptureQueriesContext(connection) as few:
        planning(client, tampilan="month")
    for day in range(2, 8):
        ArticlePageFactory(parent=section, authors=[AuthorFactory()], embargo_until=at(day, 9))
    with django_assert_max_num_queries(len(few.captured_queries)):
        planning(client, tampilan="month")
