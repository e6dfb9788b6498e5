"""The PostgreSQL search backend, reading a search's newest matches by the cheaper of two
plans (see kabar.search.backends and docs/search.md, "Ranking").

Walking the publication-date index newest first and checking each article against its index
entry stops once enough are found, but each check unpacks the article's tsvector: for a word
in 90% of the archive that is about 1,100 checks for 1,000 matches, for one in 5% it is
20,000 (0.6-0.9 s at 100,000 articles). Reading every match's id through the GIN index first
costs a cheap step per match however few are wanted. PostgreSQL's planner prices the check
as nearly free, so left to itself it walks the dates for words in a few percent of the
archive too; here the plan is chosen from the planner's own estimate of the matches (the
statistics ANALYZE keeps on the indexed expression: the most common terms and their share).
"""

import json
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import BooleanField, F, IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not, Or
from modelsearch.utils import get_descendants_content_types_pks

# What stepping over one article in the date walk costs (checking its tsvector), in units
# of one match read through the GIN index and looked up: about 20 µs against 5 µs at
# 100,000 articles ("membangun jembatan": 3,700 steps in 78 ms, or 27,000 ids in 147 ms),
# once both ran without parallel workers (docs/search.md).
WALK_STEP_COST = 4


def date_walk_cheaper(*, matching: float, total: float, limit: int) -> bool:
    """Whether walking the dates newest first finds `limit` matches more cheaply than
    reading all of them through the GIN index, when about `matching` of `total` index
    entries match. The walk steps over about limit / share articles (all of them if fewer
    than `limit` match); the GIN read costs one step per match."""
    if matching <= 0 or total <= 0:
        return False
    walked = min(total, limit * total / matching)
    return walked * WALK_STEP_COST < matching


def pk_any_of(model, ids: list[int]) -> RawSQL:
    """The condition `pk = ANY(array)`, one parameter for any number of ids, on the table of
    the model's root (the pages, for an article): there the planner checks each page against
    the array as it walks the dates (27,000 ids: 30 ms). On the article table it looked up
    every id, then hashed the pages (250 ms); `IN (SELECT unnest(...))` hashed the ids, then
    sorted the pages (180 ms)."""
    root = model._meta.get_parent_list()[-1] if model._meta.parents else model
    column = f'"{root._meta.db_table}"."{root._meta.pk.column}"'
    return RawSQL(f"{column} = ANY(%s::integer[])", [ids], output_field=BooleanField())


@contextmanager
def one_process(using: str):
    """The queries inside run without parallel workers. For a walk stopped by a LIMIT, each
    worker walks a share of the dates and finds its own matches, so two workers did about
    twice the work, and on a busy server the wait for them cost more than it saved:
    "membangun jembatan"'s walk took 270 ms with them, 90-120 ms without (docs/search.md).
    SET LOCAL ends with the transaction, so it holds behind a transaction-mode pooler too."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def planned_rows(queryset: QuerySet) -> float:
    """How many rows PostgreSQL's planner expects `queryset` to return (it plans the query,
    without running it: about a millisecond)."""
    plan = json.loads(queryset.explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


class RecentPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    # recent_ids() gives the newest published matches, newest first (see matching.py).
    RECENT_ARE_NEWEST = True

    def can_search_unranked(self) -> bool:
        return not self.order_by_relevance and not isinstance(self.query, MatchAll | Not | Fuzzy)

    def entries(self) -> QuerySet:
        """The index entries of this model (and its subclasses)."""
        content_types = get_descendants_content_types_pks(self.queryset.model)
        return IndexEntry.objects.filter(content_type__in=content_types)

    def matching_entries(self, config) -> QuerySet:
        """The index entries of this model that match, by the very expression the GIN index
        (and its statistics) cover: see migrations/0001_title_body_search_index.py."""
        vector = F("title")._combine(F("body"), "||", False)
        tsquery = self.build_tsquery(self.query, config=config)
        return self.entries().annotate(_vector_=vector).filter(_vector_=tsquery)

    def tsqueries_read(self, config, queries: list) -> list[str]:
        """How PostgreSQL reads each of `queries` (its tsquery, stemmed, as text)."""
        using = self.queryset.db
        sql_compiler = IndexEntry.objects.all().query.get_compiler(using=using)
        compiled = [
            sql_compiler.compile(
                self.build_tsquery(query, config=config).resolve_expression(sql_compiler.query)
            )
            for query in queries
        ]
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(f"({sql})::text" for sql, _ in compiled),
                [param for _, params in compiled for param in params],
            )
            return list(cursor.fetchone())

    def alike_parts_drop(self, config) -> None:
        """Leaves out of an OR query the parts PostgreSQL's stemmer reads as an earlier one:
        "membangun jembatan" as typed and as stems ("bangun jembatan") are both 'bangun' &
        'jembat'. The planner took the two for independent matches (46,000 estimated for
        27,000, which chose the walk) and would not read them through the GIN index; each
        article was checked twice. The score of two equal parts is their average: the same."""
        if not isinstance(self.query, Or) or len(self.query.subqueries) < 2:
            return
        read = self.tsqueries_read(config, self.query.subqueries)
        parts = [part for n, part in enumerate(self.query.subqueries) if read[n] not in read[:n]]
        self.query = parts[0] if len(parts) == 1 else Or(parts)

    def matches_estimated(self, config) -> tuple[float, float]:
        """The planner's estimate of the index entries of this model that match, and of all
        of them."""
        return planned_rows(self.matching_entries(config)), planned_rows(self.entries())

    def recent_ids(self, config, limit: int) -> list:
        """The ids of the newest published matches, at most `limit`, newest first."""
        self.alike_parts_drop(config)
        matching, total = self.matches_estimated(config)
        with one_process(self.queryset.db):
            matches = self.search(config, None, None)
            if not date_walk_cheaper(matching=matching, total=total, limit=limit):
                # Every match's id through the GIN index, in a query of its own: joined with
                # the pages, PostgreSQL walks the dates again, whatever the order asked for.
                entries = self.matching_entries(config).values_list("object_id", flat=True)
                ids = [int(object_id) for object_id in entries]
                matches = self.queryset.filter(pk_any_of(self.queryset.model, ids))
            newest = matches.order_by("-first_published_at", "-pk").values_list("pk", flat=True)
            return list(newest[:limit])

    def best_scored(self, config, ids: list, limit: int) -> list[tuple[int, float]]:
        """The best `limit` of the matches `ids`, as (id, score), best first: the backend's
        own score (ts_rank of the title and of the body), read from their index entries
        alone. The stock ranked search joins the pages (for 1,000 ids the planner read the
        whole page table) and checks the match again on title || body, concatenated anew
        for each row; these are known matches (137 ms against 15-30 ms, docs/search.md)."""
        self.alike_parts_drop(config)
        # The stock index vectors (get_index_vectors), seen from the entry.
        score = self._build_rank_expression(
            [(F("title"), F("title_norm")), (F("body"), 1.0)], config
        )
        entries = self.entries().filter(object_id__in=[str(pk) for pk in ids])
        scored = entries.annotate(_score=score, _pk=Cast("object_id", IntegerField()))
        best = scored.order_by("-_score", "-_pk").values_list("_pk", "_score")
        with one_process(self.queryset.db):
            return list(best[:limit])


class RecentPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RecentPostgresSearchQueryCompiler
