from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kabar.comments.models import ReaderComment
from kabar.comments.selectors import comment_counts, comment_counts_attach, comment_thread
from kabar.comments.tests.factories import ReaderCommentFactory
from kabar.news.tests.factories import ArticlePageFactory

Status = ReaderComment.Status


def make(article, body, status=Status.APPROVED, parent=None):
    return ReaderCommentFactory(
        article=article,
        author_name="A",
        author_email="a@x.id",
        body=body,
        status=status,
        parent=parent,
    )


def test_comment_counts_for_many_articles_take_one_query(section):
    articles = [ArticlePageFactory(parent=section) for _ in range(3)]
    make(articles[0], "1")
    make(articles[0], "2")
    make(articles[1], "3")
    make(articles[1], "ditahan", status=Status.PENDING)
    make(articles[2], "spam", status=Status.SPAM)
    with CaptureQueriesContext(connection) as queries:
        counts = comment_counts(article_ids=[a.pk for a in articles])
    assert len(queries) == 1
    assert counts == {articles[0].pk: 2, articles[1].pk: 1, articles[2].pk: 0}
    attached = comment_counts_attach(articles)
    assert [a.comment_count for a in attached] == [2, 1, 0]


def test_thread_shows_own_pending_but_not_others(article, rules):
    mine = make(article, "punyaku", status=Status.PENDING)
    make(article, "orang lain", status=Status.PENDING)
    make(article, "sampah", status=Status.TRASH)
    thread = comment_thread(article=article, rules=rules, own_ids=[mine.pk])
    assert [n.comment.body for n in thread.nodes] == ["punyaku"]
    assert thread.count == 0


def test_thread_costs_one_query_however_many_comments(article, rules):
    top = make(article, "atas")
    for n in range(10):
        make(article, f"balasan {n}", parent=top)
    with CaptureQueriesContext(connection) as queries:
        thread = comment_thread(article=article, rules=rules)
    assert len(queries) == 1
    assert len(thread.nodes[0].children) == 10


def test_reply_to_hidden_comment_stands_alone(article, rules):
    trashed = make(article, "dibuang", status=Status.TRASH)
    make(article, "balasan yatim", parent=trashed)
    thread = comment_thread(article=article, rules=rules)
    assert [n.comment.body for n in thread.nodes] == ["balasan yatim"]


def test_article_page_links_to_the_comments_page_which_has_them_and_the_form(article):
    make(article, "Komentar di halaman artikel")
    response = Client().get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    # Only the count and a plain link in the article (comments.js swaps in the fragment).
    assert "Komentar di halaman artikel" not in html and "Tinggalkan Balasan" not in html
    assert "1 komentar" in html and f'href="/komentar/{article.pk}/"' in html
    thread = Client().get(f"/komentar/{article.pk}/")
    html = thread.content.decode()
    assert thread.status_code == 200
    assert "Komentar di halaman artikel" in html and "Tinggalkan Balasan" in html
    assert f'href="{article.url}"' in html
    # A cacheable page must not carry one reader's token, nor set the CSRF cookie.
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in thread.cookies
    assert "public" in thread["Cache-Control"]


def test_comments_page_of_an_unknown_article_or_page_is_a_404(article):
    make(article, "Satu-satunya komentar")
    assert Client().get("/komentar/999999/").status_code == 404
    assert Client().get(f"/komentar/{article.pk}/?komentar-hal=9").status_code == 404
