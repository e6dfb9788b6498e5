import json
import re

from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kabar.comments import services
from kabar.comments.models import ReaderComment
from kabar.comments.tests.factories import ReaderCommentFactory

Status = ReaderComment.Status


def make(article, email, body, **kwargs):
    return ReaderCommentFactory(article=article, author_email=email, body=body, **kwargs)


def emailed_link(client, email) -> str:
    client.post("/komentar/data-saya/", {"email": email})
    return re.search(r"http://testserver(/komentar/data-saya/\S+/)", mail.outbox[-1].body).group(1)


def test_reader_gets_a_link_only_for_an_address_with_comments(client, article):
    make(article, "budi@example.id", "Satu")
    response = client.post("/komentar/data-saya/", {"email": "tidak-ada@example.id"})
    assert response.status_code == 200 and mail.outbox == []
    client.post("/komentar/data-saya/", {"email": "BUDI@example.id"})
    assert mail.outbox[-1].to == ["BUDI@example.id"]


def test_reader_downloads_their_data_as_json(client, article):
    make(article, "budi@example.id", "Komentar saya")
    make(article, "lain@example.id", "Bukan milik saya")
    response = client.post(emailed_link(client, "budi@example.id"), {"action": "export"})
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert [c["comment"] for c in data["comments"]] == ["Komentar saya"]
    assert data["comments"][0]["ip_address"] == "203.0.113.5"


def test_reader_deletes_their_comments_and_others_replies_stay(client, article, admin_user):
    mine = make(article, "budi@example.id", "Hapus saya")
    reply = make(article, "ani@example.id", "Balasan Ani", parent=mine)
    answer = make(article, "citra@example.id", "Jawaban Citra", parent=reply)
    services.comment_unapprove(comment=mine, moderator=admin_user)
    link = emailed_link(client, "budi@example.id")
    assert client.get(link).status_code == 200
    client.post(link, {"action": "delete"})
    assert not ReaderComment.objects.filter(author_email="budi@example.id").exists()
    reply.refresh_from_db()
    answer.refresh_from_db()
    assert reply.parent is None and reply.depth == 1
    assert answer.parent == reply and answer.depth == 2
    entry = ModelLogEntry.objects.get(action="comments.unapprove")
    assert "Hapus saya" not in entry.label and "Budi" not in entry.label


def test_altered_link_is_404(client, home):
    assert client.get("/komentar/data-saya/palsu/").status_code == 404


def test_admin_exports_and_erases_for_a_reader(admin_client, article):
    make(article, "budi@example.id", "Data Budi")
    url = reverse("wagtailsnippets_comments_readercomment:personal_data")
    assert admin_client.get(url).status_code == 200
    exported = admin_client.post(url, {"email": "budi@example.id", "action": "export"})
    assert json.loads(exported.content)["comments"][0]["comment"] == "Data Budi"
    admin_client.post(url, {"email": "budi@example.id", "action": "delete"})
    assert not ReaderComment.objects.exists()
