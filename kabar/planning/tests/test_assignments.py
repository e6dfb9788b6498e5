"""Assignments: an editor plans, the reporter sees theirs, one click makes their draft."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import AuthorFactory
from kabar.planning.models import Assignment

pytestmark = pytest.mark.django_db

URLS = "planning_assignments"


@pytest.fixture
def assignment(section, writer, editor):
    return Assignment.objects.create(
        title="Harga cabai naik menjelang Lebaran",
        reporter=writer,
        section=section,
        deadline=timezone.now() + datetime.timedelta(hours=6),
        notes="Wawancarai pedagang Pasar Induk.",
        created_by=editor,
    )


def test_editor_creates_an_assignment(client, section, writer, editor):
    client.force_login(editor)
    deadline = (timezone.localtime() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)

    response = client.post(
        reverse(f"{URLS}:add"),
        {
            "title": "Banjir rob di Muara Baru",
            "reporter": str(writer.pk),
            "section": str(section.pk),
            "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
            "notes": "Foto dari tanggul.",
            "status": "ditugaskan",
        },
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    made = Assignment.objects.get()
    assert (made.reporter, made.section.pk, made.created_by) == (writer, section.pk, editor)
    assert made.deadline == deadline


def test_an_assignment_needs_a_reporter_and_a_section(client, section, editor):
    client.force_login(editor)
    response = client.post(
        reverse(f"{URLS}:add"),
        {
            "title": "Tanpa penulis",
            "reporter": "",
            "section": "",
            "deadline": "2030-01-01 10:00",
            "status": "ditugaskan",
        },
    )
    assert response.status_code == 200
    # Wagtail's own Indonesian for "This field is required.", once for each missing field.
    assert len(re.findall(r"Kolom ini\s+harus diisi", response.content.decode())) == 2
    assert not Assignment.objects.exists()


def test_list_filters_by_reporter_and_status(client, assignment, editor, site_admin, section):
    other = Assignment.objects.create(
        title="Sidang kasus korupsi",
        reporter=site_admin,
        section=section,
        deadline=assignment.deadline,
        status=Assignment.Status.CANCELLED,
    )
    client.force_login(editor)
    url = reverse(f"{URLS}:index")

    by_reporter = client.get(url, {"reporter": assignment.reporter.pk}).content.decode()
    by_status = client.get(url, {"status": "batal"}).content.decode()

    assert assignment.title in by_reporter and other.title not in by_reporter
    assert other.title in by_status and assignment.title not in by_status


def test_reporter_sees_only_their_assignments_and_cannot_edit(
    client, assignment, writer, site_admin, section
):
    Assignment.objects.create(
        title="Liputan orang lain",
        reporter=site_admin,
        section=section,
        deadline=assignment.deadline,
    )
    client.force_login(writer)

    body = client.get(reverse(f"{URLS}:index")).content.decode()

    assert "Penugasan saya" in body
    assert assignment.title in body and "Liputan orang lain" not in body
    assert "Jadikan draf" in body
    refused = client.post(reverse(f"{URLS}:edit", args=[assignment.pk]), {"title": "Diubah"})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert client.get(reverse(f"{URLS}:add")).status_code == 302
    assignment.refresh_from_db()
    assert assignment.title == "Harga cabai naik menjelang Lebaran"


def test_one_click_makes_the_reporters_draft_and_opens_it(client, assignment, writer, section):
    profile = AuthorFactory(name="Sari Penulis", user=writer)
    client.force_login(writer)

    response = client.post(reverse("planning_assignment_draft", args=[assignment.pk]))

    article = ArticlePage.objects.get(title="Harga cabai naik menjelang Lebaran")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert article.get_parent().pk == section.pk and not article.live
    assert article.owner == writer and article.slug == "harga-cabai-naik-menjelang-lebaran"
    assert [a.author for a in article.authorships.all()] == [profile]
    assert article.latest_revision is not None and article.latest_revision.user == writer
    assert PageLogEntry.objects.filter(page=article, action="wagtail.create", user=writer).exists()
    assignment.refresh_from_db()
    assert assignment.article_id == article.pk and assignment.status == "draf"
    # The editor opens; a second click opens the same draft.
    assert client.get(response.url).status_code == 200
    again = client.post(reverse("planning_assignment_draft", args=[assignment.pk]))
    assert again.url == response.url and ArticlePage.objects.count() == 1
    listing = client.get(reverse(f"{URLS}:index")).content.decode()
    assert response.url in listing and "Jadikan draf" not in listing


def test_another_reporter_cannot_draft_someone_elses_assignment(client, assignment, section):
    from django.contrib.auth.models import Group

    from kabar.core.services import WRITER_GROUP

    other = type(assignment.reporter).objects.create_user(username="lain", password="x")
    other.groups.add(Group.objects.get(name=WRITER_GROUP))
    client.force_login(other)

    response = client.post(reverse("planning_assignment_draft", args=[assignment.pk]))

    assert response.status_code in (302, 403) and not ArticlePage.objects.exists()
    assert client.get(reverse("planning_assignment_draft", args=[assignment.pk])).status_code == 405


def test_slug_taken_in_the_section_gets_a_number(client, assignment, writer, section):
    from kabar.news.tests.factories import ArticlePageFactory

    ArticlePageFactory(parent=section, slug="harga-cabai-naik-menjelang-lebaran")
    client.force_login(writer)
    client.post(reverse("planning_assignment_draft", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.article.slug == "harga-cabai-naik-menjelang-lebaran-2"


def test_the_reporters_dashboard_lists_what_they_still_have_to_draft(
    client, assignment, writer, editor
):
    client.force_login(writer)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Penugasan saya" in body and assignment.title in body
    assert reverse("planning_assignment_draft", args=[assignment.pk]) in body

    client.post(reverse("planning_assignment_draft", args=[assignment.pk]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("planning_assignment_draft", args=[assignment.pk]) not in body

    client.force_login(editor)
    assert 'id="my-assignments' not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_list_costs_the_same_queries_for_more_assignments(client, assignment, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    url = reverse(f"{URLS}:index")
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(5):
        Assignment.objects.create(
            title=f"Liputan {n}",
            reporter=assignment.reporter,
            section=assignment.section,
            deadline=assignment.deadline,
        )
    assert queries() == few
