"""The search backend behind the site: Wagtail's database backend, ranked in one pass."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from kabar.news.models import ArticlePage
from kabar.search import selectors
from kabar.search.analysis import query_terms


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
        pytest.skip("PostgreSQL's plans and scores")


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
        # The last read: the newest ids (a transaction's savepoint ends the list).
        last_queries[plan] = [q["sql"] for q in queries if q["sql"].startswith("SELECT")][-1]
    # The walk checks the match as it goes down the dates; the GIN plan has read every
    # match's id beforehand, in a query of its own, and checks the pages against them as it
    # walks the dates (on the page table, where the date index is).
    assert "@@" in last_queries["walk"]
    assert "@@" not in last_queries["gin"]
    assert '"wagtailcore_page"."id" = ANY(' in last_queries["gin"]


def test_best_matches_are_the_best_by_the_backends_score(publish):
    from kabar.search.matching import best_matches

    strong = publish("Cabai cabai", body="Cabai rawit, cabai merah dan cabai hijau naik.")
    weak = publish("Pasar induk", body="Pedagang menjual sayur; cabai ikut naik.")
    middle = publish("Harga cabai", body="Cabai naik.")
    publish("Harga bawang", body="Bawang merah turun.")
    qs = ArticlePage.objects.live().only("id", "first_published_at")
    ids = [weak.pk, middle.pk, strong.pk]
    best = best_matches(qs, "cabai", ids=ids, limit=2)
    assert sorted(a.pk for a in best) == sorted([strong.pk, middle.pk])
    scores = {a.pk: abs(a._score) for a in best}
    assert scores[strong.pk] > scores[middle.pk] > 0
    assert all(a.first_published_at for a in best)
    # Only the ids asked about are scored.
    assert [a.pk for a in best_matches(qs, "cabai", ids=[weak.pk], limit=2)] == [weak.pk]


def test_postgresql_scores_candidates_as_the_stock_ranked_search_does(postgresql, publish):
    from kabar.search.matching import best_matches

    articles = [
        publish("Kementerian keuangan", body="Kementerian menyusun anggaran kementerian."),
        publish("Rapat menteri", body="Menteri keuangan hadir."),
        publish("Anggaran", body="Kementerian keuangan menjawab."),
    ]
    qs = ArticlePage.objects.live().only("id", "first_published_at")
    # To Snowball the stems and the word as typed differ ('teri' and 'menteri'): a score
    # of two parts.
    query = selectors.search_query_for(query_terms("kementerian"))
    stock = {a.pk: a._score for a in qs.search(query).annotate_score("_score")}
    ids = [a.pk for a in articles]
    ours = {a.pk: a._score for a in best_matches(qs, query, ids=ids, limit=3)}
    # Read from the index entries alone, but the same score: one definition of relevance.
    assert ours.keys() == stock.keys() == set(ids)
    assert all(ours[pk] == pytest.approx(stock[pk]) for pk in ids)


def test_postgresql_reads_parts_its_stemmer_reads_alike_once(postgresql, db):
    qs = ArticlePage.objects.live()

    def compiled(words):
        results = qs.search(selectors.search_query_for(query_terms(words)))
        compiler = results.query_compiler
        compiler.alike_parts_drop(compiler.get_config(results.backend))
        return compiler.query

    # As typed and as Sastrawi stems, "membangun jembatan" is 'bangun' & 'jembat' to
    # Snowball: one part, estimated and checked once.
    assert isinstance(compiled("membangun jembatan"), PlainText)
    # Snowball reads Sastrawi's 'menteri' as 'teri', "kementerian" as 'menteri': both stay.
    assert isinstance(compiled("kementerian"), Or)


def test_postgresql_search_reads_run_without_parallel_workers(postgresql, db):
    from kabar.search.postgres_recent import one_process

    with one_process("default"), connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
