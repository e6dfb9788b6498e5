"""The queue in the admin: age, clock, the overdue warning on the dashboard, attachments."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kabar.complaints import services
from kabar.complaints.models import Complaint
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory

from .conftest import pdf_upload


@pytest.fixture
def complaints(article):
    fresh = services.complaint_submit(
        kind="koreksi",
        article=article,
        name="Ani Baru",
        email="ani@contoh.id",
        disputed="Nama salah.",
        response="Nama saya Ani.",
    )
    late = services.complaint_submit(
        kind="hak_jawab",
        article=article,
        name="Budi Lama",
        email="budi@contoh.id",
        disputed="Kutipan keliru.",
        response="Saya tidak berkata begitu.",
        attachment=pdf_upload(),
    )
    Complaint.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=50)
    )
    return fresh, late


def test_an_editor_sees_the_queue_with_age_and_clock(client, editor, complaints):
    client.force_login(editor)
    html = client.get(reverse("complaints_admin:index")).content.decode()
    assert "Ani Baru" in html and "Budi Lama" in html
    assert "2 hr 2 jam" in html and "Terlambat: lewat batas 2×24 jam" in html
    assert "complaint-overdue" in html and "sisa 47 jam" in html


def test_the_dashboard_warns_of_overdue_complaints(client, editor, complaints):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 pengaduan lewat batas 2×24 jam" in html and "Budi Lama" in html
    assert "Ani Baru" not in html


def test_a_writer_gets_no_queue(client, writer, complaints):
    client.force_login(writer)
    assert client.get(reverse("complaints_admin:index")).status_code in (302, 403)
    url = reverse("complaints_admin:attachment", args=[complaints[1].pk])
    response = client.get(url)
    assert response.status_code in (302, 403) and not response.has_header("Content-Disposition")


def test_the_attachment_is_downloaded_through_the_admin_only(client, editor, complaints):
    url = reverse("complaints_admin:attachment", args=[complaints[1].pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    with pytest.raises(ValueError):
        _ = complaints[1].attachment.url  # no public address at all


def test_rejecting_from_the_edit_page(client, editor, complaints):
    client.force_login(editor)
    fresh = complaints[0]
    edit = client.get(reverse("complaints_admin:edit", args=[fresh.pk])).content.decode()
    assert "Tolak dan kirim alasannya" in edit and "Nama saya Ani." in edit
    response = client.post(
        reverse("complaints_admin:reject", args=[fresh.pk]), {"reason": "Nama sudah benar."}
    )
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == Complaint.Status.REJECTED
    assert fresh.rejection_reason == "Nama sudah benar."


def test_internal_notes_and_assignment_are_saved_from_the_edit_form(client, editor, complaints):
    from wagtail.test.utils.form_data import nested_form_data

    client.force_login(editor)
    fresh = complaints[0]
    data = nested_form_data(
        {
            "kind": "koreksi",
            "article": str(fresh.article_id),
            "name": fresh.name,
            "email": fresh.email,
            "phone": "",
            "disputed": fresh.disputed,
            "response": fresh.response,
            "assigned_to": str(editor.pk),
            "internal_notes": "Cek ke reporter dulu.",
        }
    )
    response = client.post(reverse("complaints_admin:edit", args=[fresh.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    fresh.refresh_from_db()
    assert fresh.internal_notes == "Cek ke reporter dulu." and fresh.assigned_to == editor


def test_a_story_with_complaints_is_not_deleted_but_gets_a_message(
    client, site_admin, complaints, article, section
):
    client.force_login(site_admin)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]), follow=True)
    assert response.status_code == 200
    assert "2 pengaduan menyangkut halaman ini" in response.content.decode()
    # Nor through the section above it, nor in bulk.
    client.post(reverse("wagtailadmin_pages:delete", args=[section.pk]))
    client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={article.pk}"
    )
    assert ArticlePage.objects.filter(pk=article.pk).exists()
    assert Complaint.objects.filter(article=article).count() == 2


def test_a_story_without_complaints_is_deleted_as_before(client, site_admin, section):
    story = ArticlePageFactory(parent=section)
    client.force_login(site_admin)
    client.post(reverse("wagtailadmin_pages:delete", args=[story.pk]))
    assert not ArticlePage.objects.filter(pk=story.pk).exists()
