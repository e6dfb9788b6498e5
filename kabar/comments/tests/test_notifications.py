import re

from django.core import mail
from django.test import Client
from wagtail.models import Site

from kabar.comments import notifications, services
from kabar.comments.models import ReaderComment

from .conftest import form_data

Status = ReaderComment.Status


def test_moderators_are_emailed_about_a_held_comment(
    article, rules, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_submit(
            article=article,
            rules=rules,
            body="Tolong moderasi",
            author_name="Budi",
            author_email="budi@example.id",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin_user.email]
    assert "menunggu moderasi" in message.subject and "Tolong moderasi" in message.body
    assert "/admin/snippets/comments/readercomment/edit/" in message.body


def test_moderator_list_in_settings_replaces_the_default(
    article, rules, admin_user, django_capture_on_commit_callbacks
):
    rules.notify_emails = "moderasi@kabar.id"
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_submit(
            article=article,
            rules=rules,
            body="Halo",
            author_name="Budi",
            author_email="budi@example.id",
        )
    assert mail.outbox[0].to == ["moderasi@kabar.id"]


def test_moderators_are_emailed_about_a_report(
    article, rules, admin_user, django_capture_on_commit_callbacks
):
    comment = ReaderComment.objects.create(
        article=article,
        author_name="A",
        author_email="a@x.id",
        body="Kasar",
        status=Status.APPROVED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_report(comment=comment, reason="abuse")
    assert "dilaporkan" in mail.outbox[0].subject and "2×24 jam" in mail.outbox[0].body


def test_subscriber_gets_one_email_per_approved_reply_and_can_unsubscribe(
    article, rules, admin_user, django_capture_on_commit_callbacks
):
    parent = ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="ani@example.id",
        body="Pertanyaan",
        status=Status.APPROVED,
        notify_replies=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.comment_submit(
            article=article,
            rules=rules,
            body="Jawaban",
            parent=parent,
            author_name="Budi",
            author_email="budi@example.id",
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=reply, moderator=admin_user)
        services.comment_unapprove(comment=reply, moderator=admin_user)
        services.comment_approve(comment=reply, moderator=admin_user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ani@example.id"] and "Jawaban" in message.body
    assert "budi@example.id" not in message.body
    link = re.search(r"http://testserver(/komentar/berhenti/[^\s]+/)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{link}>")

    client = Client()
    assert client.get(link).status_code == 200
    parent.refresh_from_db()
    assert parent.notify_replies  # a GET (a mail scanner) changes nothing
    client.post(link)
    parent.refresh_from_db()
    assert not parent.notify_replies


def test_tampered_unsubscribe_link_is_404(client, home):
    assert client.get("/komentar/berhenti/palsu/").status_code == 404


def test_form_checkbox_subscribes_to_replies(client, article):
    client.post("/komentar/kirim/", form_data(article, notify="on"))
    assert ReaderComment.objects.get().notify_replies


def test_a_line_break_in_the_name_is_a_space_and_the_reply_email_still_goes(
    client, article, rules, admin_user, django_capture_on_commit_callbacks
):
    parent = ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="ani@example.id",
        body="Pertanyaan",
        status=Status.APPROVED,
        notify_replies=True,
    )
    name = "Budi\r\nSantoso\x07"
    client.post("/komentar/kirim/", form_data(article, name=name, parent=parent.pk))
    reply = ReaderComment.objects.get(parent=parent)
    assert reply.author_name == "Budi Santoso"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=reply, moderator=admin_user)
    assert [m.to for m in mail.outbox] == [["ani@example.id"]]
    assert mail.outbox[0].subject.startswith("Budi Santoso ")


def test_a_name_stored_with_a_line_break_does_not_lose_the_reply_email(
    article, rules, admin_user, django_capture_on_commit_callbacks
):
    # Names that never went through the form: imported from WordPress, edited in the admin.
    parent = ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="ani@example.id",
        body="Pertanyaan",
        status=Status.APPROVED,
        notify_replies=True,
    )
    reply = ReaderComment.objects.create(
        article=article,
        parent=parent,
        author_name="Budi\nBcc: semua@example.id",
        author_email="budi@example.id",
        body="Jawaban",
        status=Status.PENDING,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=reply, moderator=admin_user)
    assert [m.to for m in mail.outbox] == [["ani@example.id"]]
    assert "\n" not in mail.outbox[0].subject and not mail.outbox[0].bcc


def test_a_name_of_control_characters_only_is_refused_in_indonesian(client, article):
    response = client.post("/komentar/kirim/", form_data(article, name="\x07\x1b"))
    assert not ReaderComment.objects.exists()
    assert "Silakan tulis nama Anda." in response.content.decode()


def test_reply_email_links_to_site_url_and_keeps_the_title_unescaped(
    article, rules, admin_user, settings, django_capture_on_commit_callbacks
):
    # The Site record keeps an internal host; readers must get the public address.
    Site.objects.update(hostname="localhost", port=80)
    settings.SITE_URL = "https://kabar.example"
    article.title = "Eropa & Amerika"
    article.save()
    parent = ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="ani@example.id",
        body="Pertanyaan",
        status=Status.APPROVED,
        notify_replies=True,
    )
    reply = ReaderComment.objects.create(
        article=article,
        parent=parent,
        author_name="Budi",
        author_email="budi@example.id",
        body="Jawaban",
        status=Status.APPROVED,
    )
    mail.outbox.clear()
    assert notifications.comment_reply_notify(reply=reply) == 1
    message = mail.outbox[0]
    assert message.subject == "Budi membalas komentar Anda pada “Eropa & Amerika”"
    assert f"https://kabar.example{article.url}#comment-{reply.pk}" in message.body
    assert "https://kabar.example/komentar/berhenti/" in message.body
    assert "localhost" not in message.body


def test_password_reset_email_links_to_site_url(client, home, settings, django_user_model):
    settings.SITE_URL = "https://kabar.example"
    django_user_model.objects.create_user("ani", "ani@example.id", "rahasia-panjang-sekali")
    response = client.post(
        "/akun/password/reset/", {"email": "ani@example.id"}, HTTP_HOST="localhost"
    )
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "https://kabar.example/akun/password/reset/key/" in body
    assert "localhost" not in body
