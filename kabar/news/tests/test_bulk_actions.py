"""Bulk actions on stories in the admin listings: tags added or removed through a revision,
published only where the user may publish; moving and publishing stay Wagtail's, permission
checked for every page."""

import pytest
from django.test import Client
from django.urls import reverse

from kabar.news.models import ArticlePage

from .factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def bulk_url(action: str, *pages) -> str:
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    return url + "?" + "&".join(f"id={page.pk}" for page in pages) + "&next=/admin/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tag_names(page) -> set[str]:
    return {tag.name for tag in page.tags.all()}


@pytest.fixture
def stories(section):
    first = ArticlePageFactory(parent=section, title="Banjir Bekasi", tags=["Banjir"])
    second = ArticlePageFactory(parent=section, title="Banjir Bogor", tags=["Banjir", "Bogor"])
    return [first, second]


def test_the_editor_adds_tags_to_many_stories_and_they_go_live(stories, editor):
    client = logged_in(editor)
    form = client.get(bulk_url("tags-add", *stories))
    html = form.content.decode()
    assert form.status_code == 200 and "Tambahkan tag" in html and "Banjir Bekasi" in html
    response = client.post(bulk_url("tags-add", *stories), {"tags": "Cuaca ekstrem, bogor"})
    assert response.status_code == 302
    first, second = (ArticlePage.objects.get(pk=s.pk) for s in stories)
    # "bogor" is the existing tag "Bogor": tags are case-insensitive.
    assert tag_names(first) == {"Banjir", "Cuaca ekstrem", "Bogor"}
    assert tag_names(second) == {"Banjir", "Bogor", "Cuaca ekstrem"}
    assert not first.has_unpublished_changes
    assert first.live_revision.user == editor


def test_removing_tags_takes_them_off_every_selected_story(stories, editor):
    client = logged_in(editor)
    client.post(bulk_url("tags-remove", *stories), {"tags": "banjir"})
    first, second = (ArticlePage.objects.get(pk=s.pk) for s in stories)
    assert tag_names(first) == set() and tag_names(second) == {"Bogor"}


def test_a_writer_adds_tags_only_as_a_draft(section, writer):
    own = ArticlePageFactory(parent=section, title="Draf penulis", live=False, owner=writer)
    ArticlePageFactory(parent=section, title="Sudah tayang", owner=writer)
    client = logged_in(writer)
    assert client.post(bulk_url("tags-add", own), {"tags": "Pendidikan"}).status_code == 302
    own = ArticlePage.objects.get(pk=own.pk)
    assert not own.live and tag_names(own.get_latest_revision_as_object()) == {"Pendidikan"}


def test_a_live_story_a_writer_changes_stays_as_published_until_review(section, writer):
    live = ArticlePageFactory(parent=section, title="Sudah tayang", owner=writer, tags=["Lama"])
    live.save_revision(user=writer).publish()
    client = logged_in(writer)
    client.post(bulk_url("tags-add", live), {"tags": "Baru"})
    live = ArticlePage.objects.get(pk=live.pk)
    assert tag_names(live) == {"Lama"} and live.has_unpublished_changes
    assert tag_names(live.get_latest_revision_as_object()) == {"Lama", "Baru"}


def test_a_pending_draft_is_not_published_along_with_the_tags(stories, editor):
    story = stories[0]
    draft = story.get_latest_revision_as_object()
    draft.title = "Judul yang belum disetujui"
    draft.save_revision(user=editor)
    logged_in(editor).post(bulk_url("tags-add", story), {"tags": "Cuaca"})
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.title == "Banjir Bekasi" and "Cuaca" not in tag_names(story)
    latest = story.get_latest_revision_as_object()
    assert latest.title == "Judul yang belum disetujui" and "Cuaca" in tag_names(latest)


def test_pages_that_are_not_stories_are_left_alone(home, section, stories, editor):
    client = logged_in(editor)
    html = client.get(bulk_url("tags-add", section, stories[0])).content.decode()
    assert "Anda tidak dapat mengubah tag halaman ini" in html
    response = client.post(bulk_url("tags-add", section, stories[0]), {"tags": "Cuaca"})
    assert response.status_code == 302
    assert "Cuaca" in tag_names(ArticlePage.objects.get(pk=stories[0].pk))


def test_no_tags_given_is_refused_with_a_message(stories, editor):
    response = logged_in(editor).post(bulk_url("tags-add", *stories), {"tags": ""})
    text = " ".join(response.content.decode().split())
    assert response.status_code == 200 and "Kolom ini harus diisi." in text


def test_a_writer_cannot_publish_in_bulk(section, writer):
    draft = ArticlePageFactory(parent=section, title="Draf penulis", live=False, owner=writer)
    draft.save_revision(user=writer)
    client = logged_in(writer)
    html = client.get(bulk_url("publish", draft)).content.decode()
    assert "Anda tidak berizin menerbitkan halaman ini" in html
    client.post(bulk_url("publish", draft), {})
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_the_editor_moves_stories_to_another_section_in_bulk(home, section, stories, editor):
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    response = logged_in(editor).post(bulk_url("move", *stories), {"chooser": economy.pk})
    assert response.status_code == 302
    for story in stories:
        assert ArticlePage.objects.get(pk=story.pk).get_parent().pk == economy.pk


@pytest.mark.parametrize(
    "action, question, button",
    [
        ("tags-add", "Tambahkan tag ini ke berita berikut?", "Ya, tambahkan tag"),
        ("tags-remove", "Hapus tag ini dari berita berikut?", "Ya, hapus tag"),
    ],
)
def test_each_action_asks_its_own_question_in_indonesian(stories, editor, action, question, button):
    text = " ".join(logged_in(editor).get(bulk_url(action, *stories)).content.decode().split())
    assert question in text and button in text and "Banjir Bekasi" in text
