"""Author profiles in the admin: editors manage them, a writer edits only their own."""

import pytest
from django.urls import reverse

from kabar.news.models import Author
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

URLS = "wagtailsnippets_news_author"


def author_data(**fields) -> dict:
    data = {
        "name": "Rina Wartawan",
        "slug": "",
        "job_title": "Reporter Ekonomi",
        "roles": ["penulis", "fotografer"],
        "photo": "",
        "bio": "Meliput pasar dan harga pangan.",
        "user": "",
        "website_url": "https://rina.example.id/",
        "x_url": "https://x.com/rinawartawan",
        "facebook_url": "",
        "instagram_url": "https://www.instagram.com/rinawartawan/",
        "linkedin_url": "",
        "email": "rina@kabarharapan.test",
    }
    data.update(fields)
    return data


def test_authors_are_in_the_admin_menu_in_indonesian(client, home, editor):
    client.force_login(editor)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(f"{URLS}:list") in body


def test_editor_creates_an_author_with_roles_and_links(client, home, editor, writer):
    client.force_login(editor)

    response = client.post(reverse(f"{URLS}:add"), author_data(user=str(writer.pk)))

    assert response.status_code == 302
    author = Author.objects.get(name="Rina Wartawan")
    assert author.slug == "rina-wartawan" and author.user == writer
    assert author.roles == ["penulis", "fotografer"]
    assert author.x_url == "https://x.com/rinawartawan" and not author.email_public


def test_author_list_finds_by_name(client, home, editor):
    AuthorFactory(name="Rina Wartawan")
    AuthorFactory(name="Joko Fotografer")
    client.force_login(editor)

    body = client.get(reverse(f"{URLS}:list"), {"q": "Rina"}).content.decode()

    assert "Rina Wartawan" in body and "Joko Fotografer" not in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website_url", "bukan alamat", "Masukkan URL yang valid."),
        ("x_url", "https://facebook.com/rina", "Masukkan alamat di x.com, twitter.com."),
        ("instagram_url", "javascript:alert(1)", "Masukkan URL yang valid."),
        ("roles", ["penyiar"], "Masukkan pilihan yang valid."),
    ],
)
def test_bad_links_and_roles_are_refused_in_indonesian(client, home, editor, field, value, message):
    client.force_login(editor)

    response = client.post(reverse(f"{URLS}:add"), author_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Author.objects.exists()


def test_public_email_needs_an_address(client, home, editor):
    client.force_login(editor)
    response = client.post(reverse(f"{URLS}:add"), author_data(email="", email_public="on"))
    assert "Isi alamat email untuk menampilkannya di halaman profil." in response.content.decode()


def test_writer_edits_own_profile_but_not_the_link_or_others(client, home, writer):
    own = AuthorFactory(name="Sari Penulis", user=writer)
    other = AuthorFactory(name="Penulis Lain")
    client.force_login(writer)

    form = client.get(reverse(f"{URLS}:edit", args=[own.pk])).content.decode()
    assert 'name="bio"' in form and 'name="user"' not in form and 'name="slug"' not in form
    response = client.post(
        reverse(f"{URLS}:edit", args=[own.pk]),
        author_data(name="Sari Penulis", bio="Penulis rubrik kota."),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.bio == "Penulis rubrik kota." and own.user == writer and own.slug == "sari-penulis"

    # Wagtail answers a refused admin page with a redirect to the dashboard.
    for refused in [
        client.get(reverse(f"{URLS}:edit", args=[other.pk])),
        client.post(reverse(f"{URLS}:edit", args=[other.pk]), author_data(name="Diubah")),
        client.post(reverse(f"{URLS}:delete", args=[own.pk])),
        client.get(reverse(f"{URLS}:add")),
    ]:
        assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert sorted(Author.objects.values_list("name", flat=True)) == ["Penulis Lain", "Sari Penulis"]


def test_editor_deletes_an_author(client, home, editor):
    author = AuthorFactory(name="Salah Ketik")
    client.force_login(editor)

    response = client.post(reverse(f"{URLS}:delete", args=[author.pk]))

    assert response.status_code == 302
    assert not Author.objects.filter(pk=author.pk).exists()


def test_profile_page_shows_links_and_hides_private_email(client, section):
    author = AuthorFactory(
        name="Rina Wartawan",
        x_url="https://x.com/rinawartawan",
        website_url="https://rina.example.id/",
        email="rina@kabarharapan.test",
        roles=["penulis"],
    )
    ArticlePageFactory(parent=section, authors=[author])

    body = client.get(author.get_absolute_url()).content.decode()

    assert '<a href="https://x.com/rinawartawan" rel="me noopener">X (Twitter)</a>' in body
    assert 'href="https://rina.example.id/"' in body
    assert "rina@kabarharapan.test" not in body

    Author.objects.filter(pk=author.pk).update(email_public=True)
    body = client.get(author.get_absolute_url()).content.decode()
    assert 'href="mailto:rina@kabarharapan.test"' in body


def test_author_list_costs_the_same_queries_for_more_authors(client, home, editor, writer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    AuthorFactory(name="Sari Penulis", user=writer)
    client.force_login(editor)
    url = reverse(f"{URLS}:list")
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    AuthorFactory(name="Budi Editor", user=editor, roles=["editor"])
    for n in range(4):
        AuthorFactory(name=f"Kontributor {n}")
    assert queries() == few
