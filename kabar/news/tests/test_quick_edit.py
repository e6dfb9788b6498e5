"""Quick edit of a story's headline and slug from the page listing: validated on the server,
saved as a revision, published only where the user may publish."""

import pytest
from django.test import Client
from django.urls import reverse

from kabar.news.models import ArticlePage

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def quick_url(page) -> str:
    return reverse("news_quick_edit", args=(page.pk,))


@pytest.fixture
def story(section):
    story = ArticlePageFactory(parent=section, title="Banjir Bekasi", slug="banjir-bekasi")
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


def test_the_listing_offers_quick_edit_for_stories(client, section, story, editor):
    html = logged_in(editor).get(reverse("wagtailadmin_explore", args=(section.pk,)))
    assert quick_url(story) in html.content.decode() and "Sunting cepat" in html.content.decode()


def test_the_editor_changes_headline_and_slug_and_it_goes_live(story, editor):
    client = logged_in(editor)
    form = client.get(quick_url(story)).content.decode()
    assert 'value="Banjir Bekasi"' in form and "Judul" in form
    response = client.post(
        quick_url(story), {"title": "Banjir besar Bekasi", "slug": "banjir-besar"}
    )
    assert response.status_code == 302
    story = ArticlePage.objects.get(pk=story.pk)
    assert (story.title, story.slug) == ("Banjir besar Bekasi", "banjir-besar")
    assert story.url.endswith("/banjir-besar/") and not story.has_unpublished_changes
    assert story.live_revision.user == editor


def test_a_slug_taken_in_the_section_is_refused_in_indonesian(section, story, editor):
    ArticlePageFactory(parent=section, title="Lain", slug="sudah-ada")
    response = logged_in(editor).post(quick_url(story), {"title": "Baru", "slug": "sudah-ada"})
    assert response.status_code == 200
    assert "Halaman lain di rubrik ini sudah memakai slug ini" in response.content.decode()
    assert ArticlePage.objects.get(pk=story.pk).title == "Banjir Bekasi"


def test_a_bad_slug_and_an_empty_headline_are_refused(story, editor):
    response = logged_in(editor).post(quick_url(story), {"title": "   ", "slug": "ada spasi"})
    text = " ".join(response.content.decode().split())
    assert response.status_code == 200 and "Kolom ini harus diisi." in text
    assert "slug" in text.lower() and ArticlePage.objects.get(pk=story.pk).slug == "banjir-bekasi"


def test_a_writers_quick_edit_of_a_live_story_waits_as_a_draft(section, writer):
    story = ArticlePageFactory(parent=section, title="Tulisan", slug="tulisan", owner=writer)
    story.save_revision(user=writer).publish()
    logged_in(writer).post(quick_url(story), {"title": "Tulisan baru", "slug": "tulisan"})
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.title == "Tulisan" and story.has_unpublished_changes
    assert story.get_latest_revision_as_object().title == "Tulisan baru"


def test_someone_who_cannot_edit_the_story_is_refused(story, django_user_model):
    user = django_user_model.objects.create_user("tamu", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert logged_in(user).get(quick_url(story)).status_code in (302, 403)


def test_a_story_locked_by_someone_else_is_not_changed(story, editor, editor_in_chief):
    ArticlePage.objects.filter(pk=story.pk).update(locked=True, locked_by=editor_in_chief)
    response = logged_in(editor).post(quick_url(story), {"title": "Diam-diam", "slug": "diam"})
    assert response.status_code == 200 and "Berita ini sedang dikunci" in response.content.decode()
    assert ArticlePage.objects.get(pk=story.pk).title == "Banjir Bekasi"
