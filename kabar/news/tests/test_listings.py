"""Bad input in listing URLs is a clean 404 in the site's design, never a server error."""

import datetime

import pytest

from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

PUBLISHED = datetime.datetime(2024, 10, 29, 7, 5, tzinfo=datetime.UTC)


@pytest.fixture
def listed(section):
    author = AuthorFactory(name="Ana Pratiwi")
    article = ArticlePageFactory(parent=section, first_published_at=PUBLISHED, authors=[author])
    article.tags.add("Rusia")
    article.save()
    return article


@pytest.mark.parametrize(
    "url",
    [
        "/luar-negeri/tidak-ada/",
        "/rubrik-tidak-ada/",
        "/tag/tidak-ada/",
        "/penulis/tidak-ada/",
        "/2024/13/",
        "/2024/00/",
        "/2024/02/30/",
        "/2023/02/29/",
        "/0000/",
        "/2024/10/32/",
        "/1999/",
        "/en/tag/tidak-ada/",
        "/en/2024/02/30/",
    ],
)
def test_unknown_or_impossible_addresses_are_404(client, listed, url):
    response = client.get(url)
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "2", "99999999999999999999", "", "1.5"])
@pytest.mark.parametrize(
    "url", ["/luar-negeri/", "/tag/rusia/", "/penulis/ana-pratiwi/", "/2024/", "/2024/10/29/"]
)
def test_bad_page_numbers_are_404(client, listed, url, page):
    assert client.get(url, {"page": page}).status_code == 404


def test_page_number_errors_explain_themselves(client, listed):
    html = client.get("/luar-negeri/", {"page": "abc"}).content.decode()
    assert "Nomor halaman harus berupa bilangan bulat." in html
    html = client.get("/luar-negeri/", {"page": "7"}).content.decode()
    assert "Halaman itu tidak ada dalam daftar ini." in html


def test_first_page_works_with_and_without_a_number(client, listed):
    assert client.get("/luar-negeri/").status_code == 200
    assert client.get("/luar-negeri/", {"page": "1"}).status_code == 200


def test_tag_without_live_articles_is_404(client, section):
    draft = ArticlePageFactory(parent=section, live=False)
    draft.tags.add("Rahasia")
    draft.save()
    assert client.get("/tag/rahasia/").status_code == 404


def test_archive_of_a_period_without_articles_is_404(client, listed):
    assert client.get("/2024/10/").status_code == 200
    assert client.get("/2024/11/").status_code == 404


def test_empty_section_still_renders(client, home):
    from kabar.news.tests.factories import SectionPageFactory

    empty = SectionPageFactory(parent=home, title="Olahraga", slug="olahraga")
    response = client.get(empty.url)
    assert response.status_code == 200
    assert "Belum ada artikel." in response.content.decode()
