from kabar.comments.models import ReaderComment
from kabar.news.tests.factories import ArticlePageFactory


def comment_add(article, status, n=1):
    for i in range(n):
        ReaderComment.objects.create(
            article=article,
            body=f"Komentar {i}",
            author_name="Budi",
            author_email="budi@example.id",
            status=status,
        )


def test_section_listing_shows_approved_comment_counts_only(client, section):
    talked_about = ArticlePageFactory(parent=section, title="Banjir di Jakarta")
    quiet = ArticlePageFactory(parent=section, title="Pameran batik")
    comment_add(talked_about, ReaderComment.Status.APPROVED, n=3)
    comment_add(talked_about, ReaderComment.Status.PENDING)
    comment_add(quiet, ReaderComment.Status.SPAM)

    html = client.get(section.url).content.decode()

    assert f'href="{talked_about.url}#komentar">3 komentar</a>' in html
    assert f'href="{quiet.url}#komentar"' not in html


def test_home_page_cards_show_comment_counts(client, home, section):
    article = ArticlePageFactory(parent=section)
    comment_add(article, ReaderComment.Status.APPROVED, n=2)

    html = client.get("/").content.decode()

    assert f'href="{article.url}#komentar">2 komentar</a>' in html
