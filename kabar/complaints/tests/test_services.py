"""Handling a complaint: the PPMS clock, the overdue email, rejecting and accepting."""

import datetime

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from kabar.complaints import services
from kabar.complaints.models import Complaint

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
RECEIVED = datetime.datetime(2024, 10, 29, 14, 5, tzinfo=JAKARTA)


@pytest.fixture
def complaint(article):
    with freeze_time(RECEIVED):
        return services.complaint_submit(
            kind="hak_jawab",
            article=article,
            name="PT Jalan Lancar",
            email="humas@jalanlancar.co.id",
            disputed="Molor dua tahun.",
            response="Molor delapan bulan.",
        )


def test_the_clock_runs_two_times_twenty_four_hours(complaint):
    just_before = RECEIVED + datetime.timedelta(hours=47, minutes=59)
    clock = complaint.clock(now=just_before)
    assert not clock.overdue and clock.waiting_hours == 47 and clock.left_hours == 0
    assert complaint.clock(now=RECEIVED + datetime.timedelta(hours=48)).overdue
    with freeze_time(just_before):
        assert not Complaint.objects.overdue().exists()
    with freeze_time(RECEIVED + datetime.timedelta(hours=48, seconds=1)):
        assert list(Complaint.objects.overdue()) == [complaint]


def test_a_settled_complaint_is_never_overdue(complaint, editor):
    services.complaint_reject(complaint=complaint, user=editor, reason="Tidak relevan.")
    with freeze_time(RECEIVED + datetime.timedelta(days=5)):
        assert not Complaint.objects.overdue().exists()


def test_the_editors_are_emailed_about_an_overdue_complaint_once(complaint, editor, mailoutbox):
    mailoutbox.clear()
    with freeze_time(RECEIVED + datetime.timedelta(hours=30)):
        call_command("complaints_overdue_notify")
    assert mailoutbox == []
    with freeze_time(RECEIVED + datetime.timedelta(hours=49)):
        call_command("complaints_overdue_notify")
        call_command("complaints_overdue_notify")
    assert len(mailoutbox) == 1 and editor.email in mailoutbox[0].to
    assert "lewat batas 2×24 jam" in mailoutbox[0].subject
    assert "PT Jalan Lancar" in mailoutbox[0].body


def test_the_scheduler_runs_the_overdue_check(settings):
    assert "complaints_overdue_notify" in settings.SCHEDULED_COMMANDS


def test_rejecting_needs_a_reason_and_emails_it(
    complaint, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(services.ComplaintRejected):
        services.complaint_reject(complaint=complaint, user=editor, reason="  ")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reject(
            complaint=complaint, user=editor, reason="Berita sudah sesuai dokumen resmi."
        )
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.REJECTED and complaint.settled_by == editor
    assert mailoutbox[-1].to == ["humas@jalanlancar.co.id"]
    assert "Berita sudah sesuai dokumen resmi." in mailoutbox[-1].body
    with pytest.raises(services.ComplaintRejected):
        services.complaint_start(complaint=complaint, user=editor)


def test_taking_a_complaint_on_assigns_it(complaint, editor):
    services.complaint_start(complaint=complaint, user=editor)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.IN_PROGRESS and complaint.assigned_to == editor


def test_a_right_of_reply_cannot_be_accepted_without_correction_notes(
    complaint, editor, monkeypatch
):
    monkeypatch.setattr(services, "correction_add_function", lambda: None)
    with pytest.raises(services.ComplaintRejected):
        services.complaint_accept(complaint=complaint, user=editor)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.NEW


def test_a_correction_request_is_marked_published_without_a_note(article, editor):
    complaint = services.complaint_submit(
        kind="koreksi",
        article=article,
        name="Ani",
        phone="081234567890",
        disputed="Nama salah.",
        response="Nama saya Ani, bukan Ana.",
    )
    services.complaint_accept(complaint=complaint, user=editor)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.PUBLISHED and complaint.correction_id is None


def test_accepting_a_right_of_reply_creates_the_hak_jawab_note(complaint, editor):
    corrections = pytest.importorskip(
        "kabar.corrections.models",
        reason="kabar.corrections (the press helper's app) is not merged yet",
    )
    services.complaint_accept(
        complaint=complaint, user=editor, text="Molor delapan bulan, bukan dua tahun."
    )
    complaint.refresh_from_db()
    note = corrections.Correction.objects.get(pk=complaint.correction_id)
    assert note.kind == "hak_jawab" and note.article_id == complaint.article_id
    assert note.party == "PT Jalan Lancar" and note.created_by == editor
    assert note.text == "Molor delapan bulan, bukan dua tahun."
    assert complaint.status == Complaint.Status.PUBLISHED


def test_complaint_emails_link_to_site_url_with_a_plain_subject(complaint, settings, mailoutbox):
    from wagtail.models import Site

    from kabar.complaints.notifications import complaint_settled_send

    # The Site record keeps an internal host; readers must get the public address.
    Site.objects.update(hostname="localhost", port=80)
    settings.SITE_URL = "https://kabar.example"
    complaint.article.title = "Eropa & Amerika"
    complaint.article.save()
    complaint.status = Complaint.Status.PUBLISHED
    assert complaint_settled_send(complaint=complaint) == 1
    message = mailoutbox[-1]
    assert "“Eropa & Amerika”" in message.subject and "&amp;" not in message.subject
    assert f"https://kabar.example{complaint.article.url}" in message.body
    assert "localhost" not in message.body
