"""The three commenting modes: open, confirmed by an emailed link, registered readers only."""

import re

import pytest
from django.core import mail
from django.test import Client

from kabar.comments.models import CommentSettings, ReaderComment

from .conftest import form_data

Status = ReaderComment.Status
Mode = CommentSettings.Mode


def section_html(client, article) -> str:
    return client.get(f"/komentar/artikel/{article.pk}/").content.decode()


def test_a_new_site_starts_in_the_guideline_mode_with_the_first_comment_hold(home):
    from wagtail.models import Site

    site = Site.objects.create(hostname="baru.example", root_page=home, site_name="Baru")
    rules = CommentSettings.for_site(site)
    assert rules.mode == Mode.REGISTERED and rules.hold_first_comment
    assert "Pedoman Pemberitaan Media Siber" in str(
        CommentSettings._meta.get_field("mode").help_text
    )


def test_confirmed_mode_holds_until_the_emailed_link_is_followed(
    client, article, rules, django_capture_on_commit_callbacks
):
    rules.mode, rules.hold_first_comment = Mode.CONFIRMED, False
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/komentar/kirim/",
            form_data(article, body="Perlu konfirmasi"),
            headers={"X-Requested-With": "fetch"},
        )
    assert response.json()["held"] is True and "email" in response.json()["message"]
    comment = ReaderComment.objects.get()
    assert comment.status == Status.PENDING and comment.awaiting_confirmation
    assert "Perlu konfirmasi" not in section_html(Client(), article)

    message = mail.outbox[-1]
    assert message.to == ["budi@example.id"]
    link = re.search(r"http://testserver(/komentar/konfirmasi/\S+/)", message.body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(link)
    assert confirmed.status_code == 303 and confirmed["Location"].endswith(f"#comment-{comment.pk}")
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and not comment.awaiting_confirmation
    assert "Perlu konfirmasi" in section_html(Client(), article)

    # The browser stays confirmed: its next comment needs no new link.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/komentar/kirim/", form_data(article, body="Komentar kedua"))
    assert ReaderComment.objects.get(body="Komentar kedua").status == Status.APPROVED
    assert mail.outbox == []


def test_confirmed_mode_still_applies_moderation_after_confirming(
    client, article, rules, django_capture_on_commit_callbacks
):
    rules.mode = Mode.CONFIRMED
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/komentar/kirim/", form_data(article))
    link = re.search(r"http://testserver(/komentar/konfirmasi/\S+/)", mail.outbox[-1].body).group(1)
    client.get(link)
    comment = ReaderComment.objects.get()
    assert comment.status == Status.PENDING and not comment.awaiting_confirmation


def test_tampered_confirmation_link_is_404(client, home):
    assert client.get("/komentar/konfirmasi/palsu/").status_code == 404


def test_registered_mode_refuses_anonymous_readers(client, article, rules):
    rules.mode = Mode.REGISTERED
    rules.save()
    html = section_html(client, article)
    assert "/akun/login/" in html and "/akun/signup/" in html and 'name="body"' not in html
    response = client.post("/komentar/kirim/", form_data(article))
    assert response.status_code == 403 and not ReaderComment.objects.exists()


def test_registered_reader_comments_as_themselves(client, article, rules, django_user_model):
    rules.mode, rules.hold_first_comment = Mode.REGISTERED, False
    rules.save()
    reader = django_user_model.objects.create_user("sari", "sari@example.id", "rahasia-panjang")
    client.force_login(reader)
    assert 'name="body"' in section_html(client, article)
    response = client.post("/komentar/kirim/", form_data(article, name=None, email=None))
    comment = ReaderComment.objects.get()
    assert response.status_code == 303
    assert comment.user == reader and comment.author_email == "sari@example.id"
    assert comment.author_name == "sari" and not comment.is_newsroom


def test_registered_mode_signup_verifies_email_then_lets_reader_comment(client, article, rules):
    rules.mode, rules.hold_first_comment = Mode.REGISTERED, False
    rules.save()
    password = "Kata-Sandi-Kuat-123"
    client.post(
        "/akun/signup/",
        {
            "email": "dewi@example.id",
            "username": "dewi",
            "password1": password,
            "password2": password,
        },
    )
    assert client.post("/komentar/kirim/", form_data(article)).status_code == 403
    link = re.search(r"http://testserver(/akun/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    client.get(link)
    response = client.post("/komentar/kirim/", form_data(article, name=None, email=None))
    assert response.status_code == 303
    assert ReaderComment.objects.get().author_email == "dewi@example.id"


def test_password_reset_is_available(client, home):
    assert client.get("/akun/password/reset/").status_code == 200


@pytest.mark.parametrize("mode", [Mode.OPEN, Mode.CONFIRMED, Mode.REGISTERED])
def test_staff_comment_in_every_mode(admin_client, article, rules, mode):
    rules.mode = mode
    rules.save()
    response = admin_client.post("/komentar/kirim/", form_data(article, name=None, email=None))
    assert response.status_code == 303
    assert ReaderComment.objects.get().status == Status.APPROVED
