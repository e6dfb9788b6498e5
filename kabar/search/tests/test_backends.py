"""The search backend behind the site: Wagtail's database backend, ranked in one pass."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.search.backends import get_search_backend

from kabar.news.models import ArticlePage


def test_ranked_search_returns_best_matches_first_with_scores(publish, search):
    publish("Harga cabai", body="Cabai rawit, cabai merah dan cabai hijau naik.")
    publish("Pasar induk", body="Pedagang menjual sayur; cabai ikut naik.")
    publish("Harga bawang", body="Bawang merah turun.")
    results = ArticlePage.objects.live().search("cabai").annotate_score("_score")
    hits = list(results)
    assert [a.title for a in hits] == ["Harga cabai", "Pasar induk"]
    assert hits[0]._score is not None and abs(hits[0]._score) > abs(hits[1]._score)
    assert results.count() == 2
    assert [a.title for a in results[1:2]] == ["Pasar induk"]


def test_ranked_search_applies_queryset_filters(publish, section):
    kept = publish("Cabai dari Garut")
    dropped = publish("Cabai dari Brebes")
    qs = ArticlePage.objects.live().exclude(pk=dropped.pk)
    assert [a.pk for a in qs.search("cabai")] == [kept.pk]
    assert get_search_backend().search("cabai", qs).count() == 1


def test_admin_page_search_still_works(publish, client):
    publish("Harga cabai meroket")
    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(admin)
    response = client.get("/admin/pages/search/", {"q": "cabai"})
    assert response.status_code == 200
    assert "Harga cabai meroket" in response.content.decode()


def test_postgresql_has_an_index_on_the_expression_the_backend_matches(publish):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the title || body index is PostgreSQL's")
    publish("Harga cabai", body="Cabai rawit naik.")
    results = get_search_backend().search("cabai", ArticlePage.objects.live())
    # The planner can use an expression index only for that very expression: if Wagtail
    # ever matches something else, the index goes unused and this says so.
    sql = str(results.get_queryset().query)
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'kabar_search_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (((title || body)))" in definition
    assert [a.title for a in results] == ["Harga cabai"]


def test_unranked_matches_are_a_plain_queryset_with_the_filters(publish):
    from kabar.search.matching import matches_queryset

    kept, dropped = publish("Cabai dari Garut"), publish("Cabai dari Brebes")
    publish("Bawang dari Brebes")
    qs = ArticlePage.objects.live().exclude(pk=dropped.pk)
    matches = matches_queryset(qs, "cabai")
    assert list(matches.values_list("pk", flat=True)) == [kept.pk]
    assert matches.count() == 1


def test_recent_matches_come_most_recent_first_and_stop_at_the_limit(publish):
    from kabar.search.matching import match_count, recent_match_ids

    # Published (and so indexed) oldest first, as a newsroom does.
    first, second, third = (publish(f"Cabai hari {n}", days_ago=3 - n) for n in range(3))
    publish("Bawang hari ini", days_ago=0)
    qs = ArticlePage.objects.live()
    assert recent_match_ids(qs, "cabai", limit=2) == [third.pk, second.pk]
    assert recent_match_ids(qs.exclude(pk=third.pk), "cabai", limit=5) == [second.pk, first.pk]
    assert match_count(qs, "cabai", limit=2) == (2, True)
    assert match_count(qs, "cabai", limit=3) == (3, False)


def test_the_date_walk_is_chosen_only_where_it_steps_over_few_articles():
    from kabar.search.postgres_recent import date_walk_cheaper

    # A word in 90% of 100,000 articles: about 1,100 steps find 1,001 matches.
    assert date_walk_cheaper(matching=90_000, total=100_000, limit=1_001)
    # In 5%: 20,000 steps, dearer than reading its 5,000 matches through the GIN index.
    assert not date_walk_cheaper(matching=5_000, total=100_000, limit=1_001)
    # Fewer matches than the limit: the walk would step over every article.
    assert not date_walk_cheaper(matching=900, total=1_000, limit=1_001)
    assert not date_walk_cheaper(matching=0, total=0, limit=1_001)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the plan choice is PostgreSQL's")


def estimated_matches(qs, query):
    results = qs.search(query, order_by_relevance=False)
    compiler = results.query_compiler
    return compiler.matches_estimated(compiler.get_config(results.backend))


def test_postgresql_estimates_a_words_matches_from_the_index_statistics(postgresql, publish):
    for n in range(12):
        publish(f"Cabai hari {n}", body="Harga cabai naik.")
    publish("Bawang merah", body="Harga bawang turun.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")
    cabai, total = estimated_matches(ArticlePage.objects.live(), "cabai")
    bawang, _ = estimated_matches(ArticlePage.objects.live(), "bawang")
    assert total >= 13 and cabai > 6 * bawang


def test_postgresql_reads_the_same_newest_matches_by_either_plan(postgresql, publish, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    from kabar.search import postgres_recent
    from kabar.search.matching import recent_match_ids

    # Published out of date order, so that index order is not date order.
    articles = {days: publish(f"Cabai {days}", days_ago=days) for days in (4, 1, 6, 2, 5)}
    publish("Bawang", days_ago=0)
    qs = ArticlePage.objects.live().exclude(pk=articles[2].pk)
    last_queries = {}
    for plan, step_cost in (("walk", 0), ("gin", 10**9)):
        monkeypatch.setattr(postgres_recent, "WALK_STEP_COST", step_cost)
        with CaptureQueriesContext(connection) as queries:
            assert recent_match_ids(qs, "cabai", limit=3) == [articles[d].pk for d in (1, 4, 5)]
        last_queries[plan] = queries[-1]["sql"]
    # The walk checks the match as it goes down the dates; the GIN plan has read every
    # match's id beforehand, in a query of its own.
    assert "@@" in last_queries["walk"]
    assert "@@" not in last_queries["gin"] and "unnest" in last_queries["gin"]
