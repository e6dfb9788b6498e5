""" "Berita terkait": worked out when a story is published, shown at the end of each article,
the editor's own "Baca juga" picks first."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from kabar.news.tests.factories import ArticlePageFactory
from kabar.search.models import RelatedArticle
from kabar.search.related import related_articles

pytestmark = pytest.mark.django_db


def related_titles(client, article) -> list[str]:
    doc = lxml_html.fromstring(client.get(article.url).content)
    return [t.strip() for t in doc.xpath("//section[@class='related']//h3//text()") if t.strip()]


@pytest.fixture
def floods(publish):
    """Two stories about the Jakarta floods, and two about other things."""
    first = publish(
        "Banjir rendam ribuan rumah di Jakarta Timur",
        tags=["Banjir", "Jakarta"],
        summary="Warga mengungsi setelah hujan deras semalam.",
        days_ago=3,
    )
    publish(
        "Timnas Indonesia menang atas Vietnam",
        tags=["Sepak Bola"],
        summary="Gol tunggal pada menit akhir.",
        days_ago=3,
    )
    publish(
        "Harga cabai naik menjelang Lebaran",
        tags=["Ekonomi"],
        summary="Pedagang pasar menyebut pasokan berkurang.",
        days_ago=2,
    )
    follow_up = publish(
        "Banjir Jakarta surut, warga mulai membersihkan rumah",
        tags=["Banjir", "Jakarta"],
        summary="Pengungsi kembali ke rumah setelah banjir surut.",
        days_ago=1,
    )
    return first, follow_up


def test_a_story_lists_the_stories_like_it_and_not_the_others(client, floods):
    first, follow_up = floods
    assert related_titles(client, follow_up) == [first.title]


def test_an_older_story_picks_up_the_follow_up_published_after_it(client, floods):
    first, follow_up = floods
    # When `first` was published the follow-up did not exist; publishing it refreshed `first`.
    assert related_titles(client, first) == [follow_up.title]


def test_publishing_a_follow_up_purges_the_older_story_which_then_lists_it(
    client, publish, page_cache_on, django_capture_on_commit_callbacks
):
    first = publish("Gempa guncang Cianjur", tags=["Gempa", "Cianjur"], summary="", days_ago=2)
    assert related_titles(client, first) == []
    assert client.get(first.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        later = publish("Gempa Cianjur: korban bertambah", tags=["Gempa", "Cianjur"], summary="")
    response = client.get(first.url)
    assert response["X-Cache"] == "MISS"
    assert related_titles(client, first) == [later.title]


def test_related_rebuild_works_out_every_list(publish):
    first = publish("Gempa guncang Cianjur", tags=["Gempa", "Cianjur"], summary="", days_ago=2)
    later = publish("Gempa Cianjur: korban bertambah", tags=["Gempa", "Cianjur"], summary="")
    RelatedArticle.objects.all().delete()
    call_command("related_rebuild", stdout=StringIO())
    assert [a.pk for a in related_articles(first)] == [later.pk]
    assert [a.pk for a in related_articles(later)] == [first.pk]


def test_the_editors_baca_juga_picks_come_first(client, floods, publish):
    first, follow_up = floods
    football = ArticlePageFactory._meta.model.objects.get(title__startswith="Timnas")
    picked = publish(
        "Banjir Jakarta: pemerintah siapkan pompa air",
        tags=["Banjir", "Jakarta"],
        summary="Pompa air dikirim ke Jakarta Timur.",
    )
    picked.body = [
        *picked.body.raw_data,
        {"type": "related_links", "value": {"title": "Baca juga", "links": [
            {"page": football.pk, "url": "", "text": ""}]}},
    ]  # fmt: skip
    picked.save_revision().publish()
    titles = related_titles(client, picked)
    assert titles[0] == football.title
    assert set(titles[1:]) == {first.title, follow_up.title}


def test_an_unpublished_related_story_leaves_the_list_and_the_page_is_purged(
    client, floods, page_cache_on, django_capture_on_commit_callbacks
):
    first, follow_up = floods
    assert related_titles(client, follow_up) == [first.title]
    assert client.get(follow_up.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    assert client.get(follow_up.url)["X-Cache"] == "MISS"
    assert related_titles(client, follow_up) == []


def test_showing_the_list_searches_nothing(floods):
    first, follow_up = floods
    with CaptureQueriesContext(connection) as queries:
        shown = related_articles(follow_up)
    assert [a.title for a in shown] == [first.title]
    assert len(queries) == 3  # view restrictions (public()), the stories, their sections
    assert not any("indexentry" in q["sql"].lower() for q in queries)


def test_the_stored_list_is_ranked_and_bounded(publish):
    stories = [
        publish(f"Gempa guncang Cianjur, laporan ke-{n}", tags=["Gempa", "Cianjur"], days_ago=n)
        for n in range(1, 8)
    ]
    entries = RelatedArticle.objects.filter(article=stories[0])
    assert entries.count() == 4
    assert list(entries.values_list("position", flat=True)) == [0, 1, 2, 3]
    scores = list(entries.values_list("score", flat=True))
    assert scores == sorted(scores, reverse=True)


def test_the_demo_stories_show_related_stories_on_the_first_visit(client):
    from kabar.news.demo import demo_newsroom_load

    demo_newsroom_load()
    with_related = [
        article
        for article in ArticlePageFactory._meta.model.objects.visible()
        if related_titles(client, article)
    ]
    assert len(with_related) >= 3
