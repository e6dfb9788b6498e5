import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kabar.comments import services
from kabar.comments.models import CommentReport, ReaderComment
from kabar.comments.selectors import report_clock
from kabar.comments.tests.factories import ReaderCommentFactory

Status = ReaderComment.Status
LIST_URL = "wagtailsnippets_comments_readercomment:list"


@pytest.fixture
def comment(article):
    return ReaderCommentFactory(article=article, body="Kata kasar")


def test_every_comment_has_a_report_link(client, comment):
    html = client.get(reverse("comments:section", args=[comment.article_id])).content.decode()
    assert f'href="{reverse("comments:report", args=[comment.pk])}"' in html and "Laporkan" in html


def test_reader_reports_a_comment_with_a_reason(client, comment):
    url = reverse("comments:report", args=[comment.pk])
    assert "Laporkan komentar" in client.get(url).content.decode()
    response = client.post(url, {"reason": "hate", "detail": "Menghina suku"})
    assert response.status_code == 200 and "2×24 jam" in response.content.decode()
    report = CommentReport.objects.get()
    assert report.comment == comment and report.reason == "hate"


def test_report_without_reason_is_refused_cleanly(client, comment):
    response = client.post(reverse("comments:report", args=[comment.pk]), {"reason": "x"})
    assert response.status_code == 400 and not CommentReport.objects.exists()


def test_unknown_or_held_comment_cannot_be_reported(client, comment):
    comment.status = Status.PENDING
    comment.save()
    assert client.get(reverse("comments:report", args=[comment.pk])).status_code == 404
    assert client.get(reverse("comments:report", args=[999999])).status_code == 404


def test_report_clock_counts_against_two_days():
    now = timezone.now()
    fresh = report_clock(first_report_at=now - datetime.timedelta(hours=5), now=now)
    assert fresh.left == datetime.timedelta(hours=43) and not fresh.overdue
    late = report_clock(first_report_at=now - datetime.timedelta(hours=49), now=now)
    assert late.overdue


def test_reported_comment_reaches_the_queue_with_its_clock(admin_client, comment):
    report = services.comment_report(comment=comment, reason="abuse")
    CommentReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=50)
    )
    html = admin_client.get(reverse(LIST_URL), {"reported": "1"}).content.decode()
    assert "Kata kasar" in html and "Dilaporkan (1)" in html
    assert "lewat batas 2×24 jam" in html


def test_moderating_a_reported_comment_resolves_its_reports(admin_user, comment):
    services.comment_report(comment=comment, reason="spam")
    services.comment_trash(comment=comment, moderator=admin_user)
    report = CommentReport.objects.get()
    assert report.resolved_at is not None and report.resolved_by == admin_user


def test_reported_filter_lists_only_comments_with_an_open_report(admin_client, comment):
    for body in ("Komentar biasa", "Komentar lain"):
        ReaderComment.objects.create(
            article=comment.article,
            author_name="Ani",
            author_email="ani@example.id",
            body=body,
            status=Status.APPROVED,
        )
    services.comment_report(comment=comment, reason="abuse", detail="Menghina warga")
    html = admin_client.get(reverse(LIST_URL), {"reported": "1"}).content.decode()
    assert "Kata kasar" in html
    assert "Komentar biasa" not in html and "Komentar lain" not in html


def test_the_readers_reason_and_note_show_in_the_queue_and_on_the_comments_page(
    admin_client, comment
):
    services.comment_report(comment=comment, reason="hate", detail="Menghina suku tertentu")
    listing = admin_client.get(reverse(LIST_URL)).content.decode()
    assert "Kebencian berdasarkan SARA" in listing or "SARA" in listing
    assert "Menghina suku tertentu" in listing
    edit = admin_client.get(
        reverse("wagtailsnippets_comments_readercomment:edit", args=[comment.pk])
    ).content.decode()
    assert "Laporan pembaca" in edit and "Menghina suku tertentu" in edit


def test_the_moderator_email_carries_the_reason_and_note(
    comment, admin_user, django_capture_on_commit_callbacks, mailoutbox
):
    admin_user.email = "redaksi@kabar.id"
    admin_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_report(comment=comment, reason="privacy", detail="Ada nomor HP saya")
    body = mailoutbox[-1].body
    assert "Ada nomor HP saya" in body and "Dilaporkan karena" in body
