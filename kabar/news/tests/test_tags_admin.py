"""Tags in the admin: rename and merge leave permanent redirects, delete says what it costs."""

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect

from kabar.news import services
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("midday")]


def tag_names(article) -> list[str]:
    return sorted(ArticlePage.objects.get(pk=article.pk).tags.names())


def test_tags_match_whatever_their_case(section):
    first = ArticlePageFactory(parent=section, tags=["transportasi"])
    second = ArticlePageFactory(parent=section, tags=["Transportasi"])

    assert list(Tag.objects.values_list("slug", flat=True)) == ["transportasi"]
    assert tag_names(first) == tag_names(second) == ["transportasi"]


def test_tag_list_finds_by_name_and_counts_articles(client, section, editor):
    ArticlePageFactory(parent=section, tags=["banjir", "jakarta"])
    ArticlePageFactory(parent=section, tags=["banjir"])
    client.force_login(editor)

    body = client.get(reverse("news_tags:index"), {"q": "banj"}).content.decode()

    assert "banjir" in body and "jakarta" not in body
    assert reverse("news_tags:merge", args=[Tag.objects.get(name="banjir").pk]) in body


def test_rename_redirects_the_old_address_for_good(
    client, section, editor, page_cache_on, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=section, tags=["Transportsi"])
    tag = Tag.objects.get()
    reader = Client()
    reader.get("/tag/transportsi/")
    assert reader.get("/tag/transportsi/")["X-Cache"] == "HIT"
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("news_tags:edit", args=[tag.pk]), {"name": "Transportasi"})

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Transportasi", "transportasi")
    assert tag_names(article) == ["Transportasi"]
    for old, new in [
        ("/tag/transportsi/", "/tag/transportasi/"),
        ("/en/tag/transportsi/", "/en/tag/transportasi/"),
    ]:
        moved = reader.get(old)
        assert moved.status_code == 301 and moved["Location"].endswith(new), old
    assert "Transportasi" in reader.get("/tag/transportasi/").content.decode()


def test_rename_to_an_existing_tag_is_refused_in_indonesian(client, section, editor):
    ArticlePageFactory(parent=section, tags=["banjir", "banjir bandang"])
    client.force_login(editor)
    tag = Tag.objects.get(name="banjir bandang")

    response = client.post(reverse("news_tags:edit", args=[tag.pk]), {"name": "Banjir"})

    assert "Tag “Banjir” sudah ada: gabungkan saja ke tag itu." in response.content.decode()
    assert Tag.objects.filter(name="banjir bandang").exists()


def test_renaming_twice_keeps_one_hop_redirects(section):
    ArticlePageFactory(parent=section, tags=["satu"])
    tag = Tag.objects.get()

    services.tag_rename(tag=tag, name="dua")
    services.tag_rename(tag=tag, name="tiga")

    links = dict(Redirect.objects.values_list("old_path", "redirect_link"))
    assert links["/tag/satu"] == links["/tag/dua"] == "/tag/tiga/"


def test_merge_moves_articles_and_redirects(
    client, section, editor, page_cache_on, django_capture_on_commit_callbacks
):
    both = ArticlePageFactory(parent=section, tags=["pemilu", "pilkada"])
    only_source = ArticlePageFactory(parent=section, tags=["pilkada"])
    only_target = ArticlePageFactory(parent=section, tags=["pemilu"])
    source = Tag.objects.get(name="pilkada")
    only_source.save_revision()  # a draft saved before the merge
    reader = Client()
    reader.get("/tag/pemilu/")
    assert reader.get("/tag/pemilu/")["X-Cache"] == "HIT"
    client.force_login(editor)
    form = client.get(reverse("news_tags:merge", args=[source.pk])).content.decode()
    assert "dipakai oleh 2 artikel" in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("news_tags:merge", args=[source.pk]), {"target": "PEMILU"})

    assert response.status_code == 302
    assert not Tag.objects.filter(pk=source.pk).exists()
    assert tag_names(both) == tag_names(only_source) == tag_names(only_target) == ["pemilu"]
    moved = reader.get("/tag/pilkada/")
    assert moved.status_code == 301 and moved["Location"].endswith("/tag/pemilu/")
    listing = reader.get("/tag/pemilu/")
    assert listing["X-Cache"] != "HIT"
    assert only_source.title in listing.content.decode()
    # A draft saved before the merge does not bring the old tag back when published.
    ArticlePage.objects.get(pk=only_source.pk).get_latest_revision().publish()
    assert tag_names(only_source) == ["pemilu"]


@pytest.mark.parametrize(
    ("target", "message"),
    [("Pilkada", "Pilih tag lain"), ("pilpres", "Tidak ada tag bernama “pilpres”.")],
)
def test_merge_refuses_itself_and_unknown_tags(client, section, editor, target, message):
    ArticlePageFactory(parent=section, tags=["pilkada"])
    source = Tag.objects.get()
    client.force_login(editor)

    response = client.post(reverse("news_tags:merge", args=[source.pk]), {"target": target})

    assert response.status_code == 200 and message in response.content.decode()
    assert Tag.objects.filter(pk=source.pk).exists()


def test_delete_says_how_many_articles_use_the_tag(client, section, editor):
    first = ArticlePageFactory(parent=section, tags=["hoaks", "cek fakta"])
    ArticlePageFactory(parent=section, tags=["hoaks"])
    tag = Tag.objects.get(name="hoaks")
    first.save_revision()
    client.force_login(editor)

    page = client.get(reverse("news_tags:delete", args=[tag.pk])).content.decode()
    assert "Tag “hoaks” dipakai oleh 2 artikel." in page
    response = client.post(reverse("news_tags:delete", args=[tag.pk]))

    assert response.status_code == 302
    assert not Tag.objects.filter(name="hoaks").exists()
    assert tag_names(first) == ["cek fakta"]
    ArticlePage.objects.get(pk=first.pk).get_latest_revision().publish()
    assert tag_names(first) == ["cek fakta"]


def test_writers_cannot_rename_merge_or_delete_tags(client, section, writer):
    ArticlePageFactory(parent=section, tags=["banjir"])
    tag = Tag.objects.get()
    client.force_login(writer)

    for response in [
        client.post(reverse("news_tags:edit", args=[tag.pk]), {"name": "Banjir besar"}),
        client.post(reverse("news_tags:merge", args=[tag.pk]), {"target": "x"}),
        client.post(reverse("news_tags:delete", args=[tag.pk])),
    ]:
        assert response.status_code in (302, 403)
    assert Tag.objects.get().name == "banjir"


def test_tag_list_costs_the_same_queries_for_more_tags(client, section, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ArticlePageFactory(parent=section, tags=["banjir"])
    client.force_login(editor)
    url = reverse("news_tags:index")
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    ArticlePageFactory(parent=section, tags=["gempa", "tsunami", "longsor", "kebakaran"])
    assert queries() == few


def test_migration_merges_tags_made_twice_in_different_cases(client, section):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("kabar.news.migrations.0009_merge_tag_case_duplicates")
    old = Tag.objects.create(name="Transportasi", slug="transportasi")
    twin = Tag.objects.create(name="transportasi", slug="transportasi_1")
    first = ArticlePageFactory(parent=section, tags=[old])
    both = ArticlePageFactory(parent=section, tags=[old])
    both.tagged_items.create(tag=twin)
    second = ArticlePageFactory(parent=section, tags=[twin])
    second.save_revision()

    migration.tag_case_duplicates_merge(apps, None)

    assert list(Tag.objects.values_list("slug", flat=True)) == ["transportasi"]
    for article in (first, both, second):
        assert tag_names(article) == ["Transportasi"]
    draft = ArticlePage.objects.get(pk=second.pk).get_latest_revision()
    assert [item["tag"] for item in draft.content["tagged_items"]] == [old.pk]
    response = client.get("/tag/transportasi_1/")
    assert response.status_code == 301 and response["Location"] == "/tag/transportasi/"
