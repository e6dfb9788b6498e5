"""Comments on pages served from the page cache: the form without JavaScript (on the article's
comments page, which the article links to), and every page showing a comment or a count purged
when one is approved."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kabar.comments.models import ReaderComment
from kabar.comments.services import comment_approve

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def field(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def thread_url(article) -> str:
    return f"/komentar/{article.pk}/"


def test_a_reader_comments_from_a_cached_page_and_sees_it_once_approved(
    article, rules, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    reader, other = Client(enforce_csrf_checks=True), Client()
    thread = thread_url(article)
    assert f'href="{thread}"' in reader.get(article.url).content.decode()
    reader.get(thread)
    cached = reader.get(thread)
    html = cached.content.decode()
    assert cached["X-Cache"] == "HIT"
    # One copy for everyone: no reader's CSRF token in it.
    assert "csrfmiddlewaretoken" not in html
    form = {
        "article": field(html, "article"),
        "started": field(html, "started"),
        "body": "Semoga warga segera dievakuasi.",
        "name": "Sari",
        "email": "sari@example.id",
        "url": "",
        "alamat_kantor": "",
    }
    again = reader.post("/komentar/kirim/", form)
    assert again.status_code == 403 and "Semoga warga segera dievakuasi." in again.content.decode()
    form["csrfmiddlewaretoken"] = field(again.content.decode(), "csrfmiddlewaretoken")
    with django_capture_on_commit_callbacks(execute=True):
        sent = reader.post("/komentar/kirim/", form)
    assert sent.status_code == 303
    comment = ReaderComment.objects.get()
    assert comment.status == ReaderComment.Status.PENDING

    # The writer sees their held comment on their own, uncached page; nobody else does.
    assert sent["Location"].startswith(thread)
    own = reader.get(thread)
    assert own["X-Cache"] == "BYPASS"
    assert "Semoga warga segera dievakuasi." in own.content.decode()
    assert "Semoga warga segera dievakuasi." not in other.get(thread).content.decode()

    moderator = get_user_model().objects.create_user("moderator", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=comment, moderator=moderator)
    shown = other.get(thread)
    assert shown["X-Cache"] == "MISS"
    assert "Semoga warga segera dievakuasi." in shown.content.decode()
    assert "1 komentar" in other.get(article.url).content.decode()


def test_approving_a_comment_shows_it_on_the_article_the_counts_and_the_feeds(
    client, article, section, rules, editor, django_capture_on_commit_callbacks
):
    pages = [
        article.url,
        thread_url(article),
        "/",
        section.url,
        "/komentar/feed/",
        f"/komentar/artikel/{article.pk}/feed/",
    ]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url
    comment = ReaderComment.objects.create(
        article=article,
        author_name="Sari",
        author_email="sari@example.id",
        body="Semoga cepat surut.",
        status=ReaderComment.Status.PENDING,
    )
    assert b"Semoga cepat surut." not in client.get(thread_url(article)).content
    home_before = client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=comment, moderator=editor)
    assert b"Semoga cepat surut." in client.get(thread_url(article)).content
    assert b"1 komentar" in client.get(article.url).content
    assert client.get("/").content != home_before  # the card's comment count
    assert b"1 komentar" in client.get(section.url).content
    for feed in pages[4:]:
        assert b"Semoga cepat surut." in client.get(feed).content, feed


def test_two_readers_without_javascript_comment_from_one_cached_copy(article, rules, settings):
    """The cached form's start token is everyone's: the confirm step gives each reader one of
    their own, so the second reader is not refused as a replay of the first."""
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    Client().get(thread_url(article))
    sent = []
    for name in ("Sari", "Joko"):
        reader = Client(enforce_csrf_checks=True)
        cached = reader.get(thread_url(article))
        assert cached["X-Cache"] == "HIT"
        html = cached.content.decode()
        form = {
            "article": field(html, "article"),
            "started": field(html, "started"),
            "body": f"Komentar dari {name}.",
            "name": name,
            "email": f"{name.lower()}@example.id",
            "url": "",
            "alamat_kantor": "",
        }
        again = reader.post("/komentar/kirim/", form).content.decode()
        form["csrfmiddlewaretoken"] = field(again, "csrfmiddlewaretoken")
        form["started"] = field(again, "started")
        sent.append(reader.post("/komentar/kirim/", form).status_code)
    assert sent == [303, 303]
    assert ReaderComment.objects.count() == 2
