"""Comments of a story readers may not see stay out of sight: no comment feed lists them, and
their report page, comments section and form answer 404. The story's section is restricted,
not the story itself: the comment feeds used to check only the story's own restrictions."""

import pytest

from kabar.comments.models import ReaderComment
from kabar.news.tests.restricted import HIDDEN_TITLE, restricted_story

from .conftest import form_data

pytestmark = pytest.mark.django_db


def approved(article, body):
    return ReaderComment.objects.create(
        article=article,
        author_name="Budi",
        author_email="budi@example.id",
        body=body,
        status=ReaderComment.Status.APPROVED,
    )


@pytest.fixture
def comments(home, article, rules):
    hidden = restricted_story(home)
    return approved(article, "Komentar yang terbuka."), approved(hidden, "Komentar tersembunyi.")


def test_the_latest_comments_feed_leaves_out_a_restricted_sections_stories(client, comments):
    body = client.get("/komentar/feed/").content.decode()
    assert "Komentar yang terbuka." in body
    assert "Komentar tersembunyi." not in body and HIDDEN_TITLE not in body


def test_a_restricted_sections_story_has_no_comment_feed_section_form_or_report_page(
    client, comments, settings
):
    shown, hidden = comments
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    assert client.get(f"/komentar/artikel/{shown.article_id}/feed/").status_code == 200
    assert client.get(f"/komentar/laporkan/{shown.pk}/").status_code == 200
    assert client.get(f"/komentar/artikel/{hidden.article_id}/feed/").status_code == 404
    assert client.get(f"/komentar/artikel/{hidden.article_id}/").status_code == 404
    assert client.get(f"/komentar/laporkan/{hidden.pk}/").status_code == 404
    posted = client.post("/komentar/kirim/", form_data(hidden.article))
    assert posted.status_code == 404
    assert ReaderComment.objects.filter(article_id=hidden.article_id).count() == 1
