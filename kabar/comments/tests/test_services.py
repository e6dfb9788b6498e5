import datetime
import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from kabar.comments import services
from kabar.comments.models import ReaderComment
from kabar.comments.services import CommentRejected, comment_submit

Status = ReaderComment.Status


def submit(article, rules, **kwargs):
    defaults = {
        "body": "Komentar yang biasa saja.",
        "author_name": "Budi",
        "author_email": "budi@example.id",
        "ip": "203.0.113.5",
    }
    defaults.update(kwargs)
    return comment_submit(article=article, rules=rules, **defaults)


def approved_comment(article, email="budi@example.id", **kwargs):
    return ReaderComment.objects.create(
        article=article,
        author_name="Budi",
        author_email=email,
        body=kwargs.pop("body", "Lama"),
        status=Status.APPROVED,
        **kwargs,
    )


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_user("moderator", "mod@kabar.id", "x", is_staff=True)


def test_first_comment_is_held_until_the_author_has_an_approved_one(article, rules):
    comment = submit(article, rules)
    assert comment.status == Status.PENDING
    assert comment.hold_reason == "Komentar pertama dari alamat email ini."


def test_comment_from_author_with_approved_comment_is_published(article, rules):
    approved_comment(article, email="BUDI@example.id")
    assert submit(article, rules).status == Status.APPROVED


def test_first_comment_hold_can_be_switched_off(article, rules):
    rules.hold_first_comment = False
    assert submit(article, rules).status == Status.APPROVED


def test_comment_with_more_links_than_allowed_is_held(article, rules):
    approved_comment(article)
    rules.max_links = 1
    comment = submit(article, rules, body="Lihat https://a.example dan https://b.example")
    assert comment.status == Status.PENDING


def test_hold_list_matches_words_emails_and_ips(article, rules):
    approved_comment(article)
    rules.hold_keys = "judi\n198.51.100.7"
    assert submit(article, rules, body="Situs JUDI online").status == Status.PENDING
    assert submit(article, rules, body="Biasa", ip="198.51.100.7").status == Status.PENDING
    assert submit(article, rules, body="Yang lain lagi").status == Status.APPROVED


def test_spam_list_sends_comment_straight_to_spam(article, rules):
    rules.spam_keys = "obat kuat"
    assert submit(article, rules, body="Jual OBAT KUAT murah").status == Status.SPAM


def test_blocked_email_or_ip_cannot_post(article, rules):
    rules.blocked_keys = "troll@example.id\n192.0.2.66"
    with pytest.raises(CommentRejected):
        submit(article, rules, author_email="troll@example.id")
    with pytest.raises(CommentRejected):
        submit(article, rules, ip="192.0.2.66")
    assert not ReaderComment.objects.exists()


def test_hold_all_holds_even_known_commenters(article, rules):
    approved_comment(article)
    rules.hold_all = True
    assert submit(article, rules).status == Status.PENDING


def test_comments_closed_on_article_are_refused(article, rules):
    article.comments_open = False
    with pytest.raises(CommentRejected, match="ditutup"):
        submit(article, rules)


def test_comments_close_automatically_after_n_days(article, rules):
    rules.close_after_days = 14
    article.first_published_at = timezone.now() - datetime.timedelta(days=15)
    with pytest.raises(CommentRejected):
        submit(article, rules)
    article.first_published_at = timezone.now() - datetime.timedelta(days=13)
    assert submit(article, rules).pk


def test_staff_comment_as_themselves_marked_as_newsroom(article, rules, moderator):
    moderator.first_name, moderator.last_name = "Sari", "Redaksi"
    comment = submit(article, rules, user=moderator, author_name="Palsu", author_email="x@y.id")
    assert comment.status == Status.APPROVED
    assert comment.is_newsroom and comment.user == moderator
    assert comment.author_name == "Sari Redaksi" and comment.author_email == "mod@kabar.id"


def test_reply_records_its_depth_and_parent(article, rules):
    parent = approved_comment(article)
    reply = submit(article, rules, parent=parent, body="Setuju")
    assert reply.parent == parent and reply.depth == 2


def test_reply_beyond_max_depth_joins_the_deepest_allowed_level(article, rules):
    rules.max_depth = 2
    top = approved_comment(article, body="1")
    second = approved_comment(article, parent=top, body="2")
    reply = submit(article, rules, parent=second, body="3")
    assert reply.parent == top and reply.depth == 2


def test_reply_to_comment_on_another_article_is_refused(article, rules, section):
    from kabar.news.tests.factories import ArticlePageFactory

    other = approved_comment(ArticlePageFactory(parent=section))
    with pytest.raises(CommentRejected):
        submit(article, rules, parent=other)


def test_duplicate_comment_is_refused(article, rules):
    submit(article, rules, body="Sama persis")
    with pytest.raises(CommentRejected) as exc:
        submit(article, rules, body="Sama persis ")
    assert exc.value.status_code == 409


@override_settings(COMMENTS_RATE_LIMIT_IP=(3, 600), COMMENTS_RATE_LIMIT_EMAIL=(100, 600))
def test_rate_limit_per_ip(article, rules):
    for n in range(3):
        submit(article, rules, body=f"Komentar {n}", author_email=f"o{n}@example.id")
    with pytest.raises(CommentRejected) as exc:
        submit(article, rules, body="Satu lagi", author_email="lain@example.id")
    assert exc.value.status_code == 429
    assert submit(article, rules, body="Dari IP lain", ip="203.0.113.9").pk


@override_settings(COMMENTS_RATE_LIMIT_IP=(100, 600), COMMENTS_RATE_LIMIT_EMAIL=(2, 600))
def test_rate_limit_per_email(article, rules):
    for n in range(2):
        submit(article, rules, body=f"Komentar {n}", ip=f"203.0.113.{n}")
    with pytest.raises(CommentRejected):
        submit(article, rules, body="Lagi", ip="203.0.113.50")


class AlwaysSpam:
    def is_enabled(self):
        return True

    def is_spam(self, *, comment, request_meta):
        return "viagra" in comment.body


@override_settings(COMMENTS_SPAM_CHECKS=["kabar.comments.tests.test_services.AlwaysSpam"])
def test_pluggable_spam_check_marks_spam(article, rules):
    assert submit(article, rules, body="beli viagra").status == Status.SPAM
    assert submit(article, rules, body="komentar wajar").status == Status.PENDING


def fake_urlopen(answer: bytes, calls: list):
    def urlopen(request, timeout):
        calls.append(request)
        return io.BytesIO(answer)

    return urlopen


@override_settings(AKISMET_API_KEY="abc123")
def test_akismet_check_posts_the_comment_and_obeys_the_answer(article, rules):
    calls = []
    with mock.patch("urllib.request.urlopen", fake_urlopen(b"true", calls)):
        comment = submit(article, rules, body="Spam dari Akismet")
    assert comment.status == Status.SPAM
    assert calls[0].full_url == "https://abc123.rest.akismet.com/1.1/comment-check"
    assert b"comment_content=Spam+dari+Akismet" in calls[0].data
    with mock.patch("urllib.request.urlopen", fake_urlopen(b"false", calls)):
        assert submit(article, rules, body="Bukan spam").status == Status.PENDING


@override_settings(AKISMET_API_KEY="abc123")
def test_akismet_outage_holds_nothing_back(article, rules):
    import urllib.error

    with mock.patch("urllib.request.urlopen", side_effect=urllib.error.URLError("down")):
        assert submit(article, rules).status == Status.PENDING


def test_akismet_is_off_without_a_key(article, rules):
    with mock.patch("urllib.request.urlopen") as urlopen:
        submit(article, rules)
    urlopen.assert_not_called()


def test_approve_records_moderator_and_audit_entry(article, rules, moderator):
    comment = submit(article, rules)
    services.comment_approve(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.moderated_by == moderator
    entry = ModelLogEntry.objects.get(action="comments.approve")
    assert entry.user == moderator and entry.object_id == str(comment.pk)


def test_trash_then_restore_returns_previous_status(article, moderator):
    comment = approved_comment(article)
    services.comment_trash(comment=comment, moderator=moderator)
    assert comment.status == Status.TRASH
    services.comment_restore(comment=comment, moderator=moderator)
    assert comment.status == Status.APPROVED
    services.comment_mark_spam(comment=comment, moderator=moderator)
    services.comment_unapprove(comment=comment, moderator=moderator)
    assert comment.status == Status.PENDING
    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["comments.trash", "comments.restore", "comments.spam", "comments.unapprove"]
