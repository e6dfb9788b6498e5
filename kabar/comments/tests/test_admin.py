import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kabar.comments.models import ReaderComment
from kabar.comments.tests.factories import ReaderCommentFactory

Status = ReaderComment.Status
LIST_URL = "wagtailsnippets_comments_readercomment:list"


def make(article, body, status=Status.PENDING, **kwargs):
    return ReaderCommentFactory(article=article, body=body, status=status, **kwargs)


def bulk(admin_client, action, comments):
    url = reverse("wagtail_bulk_action", args=["comments", "readercomment", action])
    query = "&".join(f"id={c.pk}" for c in comments) + "&next=/admin/"
    confirm = admin_client.get(f"{url}?{query}")
    assert confirm.status_code == 200
    return admin_client.post(f"{url}?{query}")


@pytest.fixture
def queue(article):
    return [
        make(article, "Menunggu satu"),
        make(article, "Menunggu dua", author_email="ani@example.id", author_ip="198.51.100.1"),
        make(article, "Sudah tayang", status=Status.APPROVED),
        make(article, "Iklan obat", status=Status.SPAM),
    ]


def test_queue_lists_comments_with_counts_per_status(admin_client, queue):
    html = admin_client.get(reverse(LIST_URL)).content.decode()
    assert "Menunggu satu" in html and "Sudah tayang" in html
    assert "Menunggu (2)" in html and "Disetujui (1)" in html and "Spam (1)" in html


def test_queue_filters_by_status_email_and_ip(admin_client, queue):
    html = admin_client.get(reverse(LIST_URL), {"status": "pending"}).content.decode()
    assert "Menunggu satu" in html and "Sudah tayang" not in html
    html = admin_client.get(reverse(LIST_URL), {"author_email": "ANI@example.id"}).content.decode()
    assert "Menunggu dua" in html and "Menunggu satu" not in html
    html = admin_client.get(reverse(LIST_URL), {"author_ip": "198.51.100.1"}).content.decode()
    assert "Menunggu dua" in html and "Menunggu satu" not in html


def test_queue_filters_by_article(admin_client, queue, section):
    from kabar.news.tests.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=section)
    make(other, "Di artikel lain")
    html = admin_client.get(reverse(LIST_URL), {"article": other.pk}).content.decode()
    assert "Di artikel lain" in html and "Menunggu satu" not in html


def test_queue_search_finds_text(admin_client, queue):
    html = admin_client.get(reverse(LIST_URL), {"q": "obat"}).content.decode()
    assert "Iklan obat" in html and "Menunggu satu" not in html


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("approve", Status.PENDING, Status.APPROVED),
        ("unapprove", Status.APPROVED, Status.PENDING),
        ("spam", Status.PENDING, Status.SPAM),
        ("trash", Status.APPROVED, Status.TRASH),
    ],
)
def test_bulk_actions_change_status_and_leave_an_audit_trail(
    admin_client, admin_user, article, action, start, end
):
    comments = [make(article, f"Komentar {n}", status=start) for n in range(2)]
    response = bulk(admin_client, action, comments)
    assert response.status_code == 302
    assert set(ReaderComment.objects.values_list("status", flat=True)) == {end}
    entries = ModelLogEntry.objects.filter(action=f"comments.{action}", user=admin_user)
    assert entries.count() == 2


def test_bulk_restore_brings_trash_back(admin_client, article, admin_user):
    from kabar.comments import services

    comment = make(article, "Terbuang", status=Status.APPROVED)
    services.comment_trash(comment=comment, moderator=admin_user)
    bulk(admin_client, "restore", [comment])
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED


def test_bulk_delete_removes_permanently(admin_client, article):
    comment = make(article, "Hapus aku", status=Status.TRASH)
    bulk(admin_client, "delete", [comment])
    assert not ReaderComment.objects.filter(pk=comment.pk).exists()


def test_edit_is_recorded_in_history(admin_client, admin_user, article):
    comment = make(article, "Salah ketik", status=Status.APPROVED)
    url = reverse("wagtailsnippets_comments_readercomment:edit", args=[comment.pk])
    response = admin_client.post(
        url, {"body": "Sudah dibetulkan", "author_name": "Budi", "author_url": ""}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Sudah dibetulkan"
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", user=admin_user, object_id=str(comment.pk)
    ).exists()
    history = admin_client.get(
        reverse("wagtailsnippets_comments_readercomment:history", args=[comment.pk])
    )
    assert history.status_code == 200


def test_reply_from_admin_is_published_as_newsroom(admin_client, admin_user, article):
    comment = make(article, "Pertanyaan pembaca", status=Status.APPROVED)
    url = reverse("wagtailsnippets_comments_readercomment:reply", args=[comment.pk])
    assert "Pertanyaan pembaca" in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"body": "Jawaban redaksi"})
    assert response.status_code == 302
    reply = ReaderComment.objects.get(body="Jawaban redaksi")
    assert reply.parent == comment and reply.is_newsroom and reply.user == admin_user
    assert reply.status == Status.APPROVED


def test_moderation_queue_needs_permission(client, django_user_model, queue):
    user = django_user_model.objects.create_user("pembaca", "p@x.id", "x")
    client.force_login(user)
    assert client.get(reverse(LIST_URL)).status_code in (302, 403)


@pytest.fixture
def cached_article(article, page_cache_on):
    """The article with a published comment and a reply to it, its comments page in the page
    cache of a reader with no session (purged with the article)."""
    comment = make(article, "Teks lama yang salah", status=Status.APPROVED)
    make(article, "Balasan pembaca", status=Status.APPROVED, parent=comment)
    reader = Client()
    reader.get(f"/komentar/{article.pk}/")
    cached = reader.get(f"/komentar/{article.pk}/")
    html = cached.content.decode()
    assert cached["X-Cache"] == "HIT"
    assert "Teks lama yang salah" in html and "Balasan pembaca" in html
    return reader, comment


def test_editing_a_published_comment_purges_its_article(
    admin_client, admin_user, article, cached_article, django_capture_on_commit_callbacks
):
    reader, comment = cached_article
    url = reverse("wagtailsnippets_comments_readercomment:edit", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"body": "Teks yang sudah dibetulkan", "author_name": "Budi", "author_url": ""}
        )
    assert response.status_code == 302
    page = reader.get(f"/komentar/{article.pk}/")
    assert page["X-Cache"] == "MISS"
    html = page.content.decode()
    assert "Teks yang sudah dibetulkan" in html and "Teks lama yang salah" not in html
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=admin_user).exists()


def test_editing_a_held_comment_leaves_the_cached_article_alone(
    admin_client, article, cached_article, django_capture_on_commit_callbacks
):
    reader, _published = cached_article
    held = make(article, "Masih ditahan")
    url = reverse("wagtailsnippets_comments_readercomment:edit", args=[held.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"body": "Ditahan, dibetulkan", "author_name": "Budi"})
    assert reader.get(f"/komentar/{article.pk}/")["X-Cache"] == "HIT"


def test_deleting_a_published_comment_purges_its_article(
    admin_client, admin_user, article, cached_article, django_capture_on_commit_callbacks
):
    reader, comment = cached_article
    url = reverse("wagtailsnippets_comments_readercomment:delete", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302 and not ReaderComment.objects.exists()
    page = reader.get(f"/komentar/{article.pk}/")
    html = page.content.decode()
    assert page["X-Cache"] == "MISS"
    assert "Teks lama yang salah" not in html and "Balasan pembaca" not in html
    assert ModelLogEntry.objects.filter(
        action="wagtail.delete", user=admin_user, object_id=str(comment.pk)
    ).exists()


def test_bulk_deleting_comments_purges_their_article_with_their_replies(
    admin_client, article, cached_article, django_capture_on_commit_callbacks
):
    reader, comment = cached_article
    spam = make(article, "Iklan", status=Status.SPAM)
    with django_capture_on_commit_callbacks(execute=True):
        response = bulk(admin_client, "delete", [comment, spam])
    assert response.status_code == 302 and not ReaderComment.objects.exists()
    page = reader.get(f"/komentar/{article.pk}/")
    assert page["X-Cache"] == "MISS"
    html = page.content.decode()
    assert "Teks lama yang salah" not in html and "Balasan pembaca" not in html


def test_nobody_adds_a_comment_from_a_blank_form(admin_client, queue):
    # A blank form has no article to hang the comment on: saving it used to be a server error.
    add_url = reverse("wagtailsnippets_comments_readercomment:add")
    assert admin_client.get(add_url).status_code in (302, 403)
    assert (
        add_url
        not in admin_client.get(
            reverse("wagtailsnippets_comments_readercomment:list")
        ).content.decode()
    )
    # Moderating is untouched.
    comment = ReaderComment.objects.first()
    edit_url = reverse("wagtailsnippets_comments_readercomment:edit", args=[comment.pk])
    assert admin_client.get(edit_url).status_code == 200
