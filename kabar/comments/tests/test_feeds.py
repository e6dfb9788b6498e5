import feedparser

from kabar.comments.models import ReaderComment
from kabar.comments.tests.factories import ReaderCommentFactory
from kabar.news.tests.factories import ArticlePageFactory

Status = ReaderComment.Status


def make(article, body, status=Status.APPROVED):
    return ReaderCommentFactory(
        article=article, author_email="rahasia@example.id", body=body, status=status
    )


def test_site_feed_lists_latest_approved_comments_only(client, article, section):
    make(article, "Terbit")
    make(article, "Ditahan", status=Status.PENDING)
    make(ArticlePageFactory(parent=section, live=False), "Di draf")
    response = client.get("/komentar/feed/")
    body = response.content.decode()
    feed = feedparser.parse(body)
    assert response.status_code == 200 and len(feed.entries) == 1
    assert "Terbit" in feed.entries[0].description
    assert feed.entries[0].link.endswith(f"#comment-{ReaderComment.objects.get(body='Terbit').pk}")
    assert "rahasia@example.id" not in body and "Ditahan" not in body


def test_article_feed_lists_that_articles_comments(client, article, section):
    make(article, "Di artikel ini")
    make(ArticlePageFactory(parent=section), "Di artikel lain")
    feed = feedparser.parse(client.get(f"/komentar/artikel/{article.pk}/feed/").content)
    assert [e.description for e in feed.entries] == ["<p>Di artikel ini</p>"]
    assert "Banjir di Jakarta" in feed.feed.title


def test_feed_of_unknown_article_is_404(client, home):
    assert client.get("/komentar/artikel/999999/feed/").status_code == 404


def test_comment_feed_links_use_site_url(client, article, settings):
    from kabar.comments.models import ReaderComment

    settings.SITE_URL = "https://kabarharapan.id"
    ReaderComment.objects.create(
        article=article,
        author_name="Sari",
        author_email="sari@example.id",
        body="Komentar",
        status=ReaderComment.Status.APPROVED,
    )
    for url in ("/komentar/feed/", f"/komentar/artikel/{article.pk}/feed/"):
        xml = client.get(url).content.decode()
        assert f"<link>https://kabarharapan.id{article.url}" in xml, url
        assert "testserver" not in xml, url
