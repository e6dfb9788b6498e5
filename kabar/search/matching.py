"""Bounded reads of a search's matches on the database backends, so that a word found in most
of the archive costs about what a rare word does (docs/search.md, "Ranking").

Counting or scoring every match is what made common words slow: at 100,000 articles a word
in 92% of them meant scoring 92,000 rows. Here the matches are read newest first and only as
far as a limit, which both backends can do cheaply (the publication date is indexed, and the
full-text match is a set lookup), and only those are counted and scored.
"""

from django.db.models import QuerySet
from wagtail.search.query import SearchQuery


def recent_reads_cheap(qs: QuerySet, query: SearchQuery) -> bool:
    """Whether the backend reads the most recent matches at a cost bounded by the limit:
    SQLite's FTS5 does (rowid order); PostgreSQL does by the cheaper of two plans for the
    word's frequency (postgres_recent.py); a search engine counts and ranks every match."""
    compiler = qs.search(query, order_by_relevance=False).query_compiler
    return hasattr(compiler, "recent_ids") and compiler.can_search_unranked()


def recent_are_newest(qs: QuerySet, query: SearchQuery) -> bool:
    """Whether the backend's most recent matches are the newest published (PostgreSQL),
    rather than the most recently indexed (SQLite)."""
    compiler = qs.search(query, order_by_relevance=False).query_compiler
    return getattr(compiler, "RECENT_ARE_NEWEST", False)


def newest_match_ids(matches: QuerySet, *, limit: int) -> list[int]:
    """The ids of the newest of `matches`, at most `limit` of them."""
    ordered = matches.order_by("-first_published_at", "-pk").values_list("pk", flat=True)
    return list(ordered[:limit])


def recent_match_ids(qs: QuerySet, query: SearchQuery, *, limit: int) -> list[int]:
    """The ids of the most recent matches, at most `limit`, for a database backend: on
    SQLite the most recently indexed (FTS5 reads those first and stops at the limit), on
    PostgreSQL the newest published (by the date walk or the GIN index, whichever is
    cheaper for the word)."""
    results = qs.search(query, order_by_relevance=False)
    compiler = results.query_compiler
    if hasattr(compiler, "recent_ids") and compiler.can_search_unranked():
        return compiler.recent_ids(compiler.get_config(results.backend), limit)
    return newest_match_ids(results.get_queryset(), limit=limit)


def best_matches(qs: QuerySet, query: SearchQuery, *, ids: list[int], limit: int) -> list:
    """The best `limit` of the matches `ids` (of `qs`) by the backend's score, as articles
    of `qs` with `_score`. PostgreSQL scores them on their index entries alone and reads the
    articles of the best only (postgres_recent.py); SQLite scores them in its ranked search."""
    results = qs.filter(pk__in=ids).search(query)
    compiler = results.query_compiler
    if not hasattr(compiler, "best_scored"):
        return list(results.annotate_score("_score")[:limit])
    scores = dict(compiler.best_scored(compiler.get_config(results.backend), ids, limit))
    articles = list(qs.filter(pk__in=scores))
    for article in articles:
        article._score = scores[article.pk]
    return articles


def match_count(qs: QuerySet, query: SearchQuery, *, limit: int) -> tuple[int, bool]:
    """How many articles of `qs` match `query`, counting no further than `limit`, and
    whether more match; a search engine counts them all."""
    if not recent_reads_cheap(qs, query):
        return qs.search(query).count(), False
    count = len(recent_match_ids(qs, query, limit=limit + 1))
    return min(count, limit), count > limit
