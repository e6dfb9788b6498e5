"""Bounded search work: a search reads its newest matches only as far as a limit, counts no
further than that and scores only the newest of them (docs/search.md, "Ranking"). The
limits are made small here so that a handful of articles crosses them."""

import datetime

import pytest
from django.utils import timezone

from kabar.search import selectors
from kabar.search.analysis import query_terms

from .conftest import result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    monkeypatch.setattr(selectors, "MATCH_LIMIT", 5)
    monkeypatch.setattr(selectors, "RANK_CANDIDATES", 3)
    monkeypatch.setattr(selectors, "RELEVANCE_WINDOW", 4)


@pytest.fixture
def mudik(publish):
    """Seven matches, published (and so indexed) one a day, the last yesterday; the first,
    oldest, is by far the strongest match."""
    publish("Mudik mudik mudik", days_ago=7, summary="Mudik lebaran, mudik gratis.", body="Mudik.")
    for n in reversed(range(6)):
        publish(f"Arus balik hari {n}", days_ago=n + 1, summary="Pemudik lewat tol.", body="Mudik.")


def test_relevance_scores_only_the_newest_matches(small_limits, mudik, home):
    outcome = selectors.article_search(root=home, terms=query_terms("mudik"))
    assert outcome.total == 5 and outcome.more
    # The three newest matches are the candidates: the strong but older match is not
    # among them, however well it would score.
    assert outcome.ranked_among == 3 and outcome.ranked_only
    second = selectors.article_search(root=home, terms=query_terms("mudik"), page_number=2)
    shown = [a.title for a in outcome.page.object_list + second.page.object_list]
    assert sorted(shown) == ["Arus balik hari 0", "Arus balik hari 1", "Arus balik hari 2"]


def test_relevance_scores_every_match_under_the_limit(small_limits, publish, home):
    publish("Mudik mudik mudik", days_ago=2, summary="Mudik lebaran, mudik gratis.")
    publish("Arus balik", days_ago=3, body="Mudik.")
    outcome = selectors.article_search(root=home, terms=query_terms("mudik"))
    assert outcome.total == 2 and not outcome.more and outcome.ranked_among is None
    assert [a.title for a in outcome.page.object_list][0] == "Mudik mudik mudik"


def test_the_page_says_more_than_the_count_it_stopped_at(small_limits, mudik, search, client):
    body = search("mudik").content.decode()
    assert "Lebih dari 5 artikel ditemukan untuk “mudik”." in body
    assert "Menampilkan 3 artikel paling relevan dari 3 artikel terbaru." in body
    english = client.get("/en/cari/", {"q": "mudik"}).content.decode()
    assert "More than 5 articles found for “mudik”." in english
    assert "Sort by newest, or narrow down by date, to see older ones." in english


def test_newest_first_pages_up_to_the_limit(small_limits, mudik, search):
    pages = [result_titles(search("mudik", sort="newest", page=n)) for n in (1, 2, 3)]
    assert pages == [
        ["Arus balik hari 0", "Arus balik hari 1"],
        ["Arus balik hari 2", "Arus balik hari 3"],
        ["Arus balik hari 4"],
    ]
    # Past the last page is the last page; the page says where counting stopped.
    last = search("mudik", sort="newest", page=9)
    assert result_titles(last) == ["Arus balik hari 4"]
    assert "Menampilkan 5 artikel terbaru. Persempit tanggalnya" in last.content.decode()


def test_a_date_range_reaches_matches_beyond_the_limit(small_limits, mudik, search):
    week_ago = (timezone.localtime() - datetime.timedelta(days=7)).date()
    response = search("mudik", sort="newest", date_from=week_ago, date_to=week_ago)
    assert result_titles(response) == ["Mudik mudik mudik"]
    assert "1 artikel ditemukan" in response.content.decode()


def test_exactly_the_limit_is_counted_plainly(small_limits, publish, search):
    for n in range(5):
        publish(f"Mudik hari {n}", days_ago=n + 1)
    body = search("mudik").content.decode()
    assert "5 artikel ditemukan untuk “mudik”." in body and "Lebih dari" not in body


def test_suggestion_counts_stop_at_the_limit(small_limits, mudik, publish, search, home):
    response = search("mudik jembatan")
    body = response.content.decode()
    assert response.context["suggestions"]["single_words"] == [("mudik", 5, True)]
    assert "Cari “mudik” saja: lebih dari 5 artikel." in body


def test_newest_first_on_sqlite_orders_the_most_recently_indexed_matches(
    small_limits, mudik, publish, search, settings
):
    # An old story published (and so indexed) only now, as an archive brought in late.
    publish("Mudik tahun lalu", days_ago=365, body="Mudik.")
    titles = [result_titles(search("mudik", sort="newest", page=n)) for n in (1, 2, 3)]
    if "postgres" in settings.DATABASES["default"]["ENGINE"]:
        # PostgreSQL reads the newest published matches by date: the old story is not
        # among the five newest.
        assert titles[2] == ["Arus balik hari 4"]
    else:
        # SQLite reads the five most recently indexed matches and shows them by date; the
        # same five relevance ranks, without sorting every match (docs/search.md).
        assert titles == [
            ["Arus balik hari 0", "Arus balik hari 1"],
            ["Arus balik hari 2", "Arus balik hari 3"],
            ["Mudik tahun lalu"],
        ]
