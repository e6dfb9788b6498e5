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

from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# What stepping over one article in the date walk costs (checking its tsvector), in units
# of one match read through the GIN index and looked up: about 30 µs against 15-20 µs at
# 100,000 articles (docs/search.md).
WALK_STEP_COST = 2


def date_walk_cheaper(*, matching: float, total: float, limit: int) -> bool:
    """Whether walking the dates newest first finds `limit` matches more cheaply than
    reading all of them through the GIN index, when about `matching` of `total` index
    entries match. The walk steps over about limit / share articles (all of them if fewer
    than `limit` match); the GIN read costs one step per match."""
    if matching <= 0 or total <= 0:
        return False
    walked = min(total, limit * total / matching)
    return walked * WALK_STEP_COST < matching


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

    def matches_estimated(self, config) -> tuple[float, float]:
        """The planner's estimate of the index entries of this model that match, and of all
        of them."""
        return planned_rows(self.matching_entries(config)), planned_rows(self.entries())

    def recent_ids(self, config, limit: int) -> list:
        """The ids of the newest published matches, at most `limit`, newest first."""
        matching, total = self.matches_estimated(config)
        matches = self.search(config, None, None)
        if not date_walk_cheaper(matching=matching, total=total, limit=limit):
            # Every match's id through the GIN index, in a query of its own: joined with
            # the pages, PostgreSQL walks the dates again, whatever the order asked for.
            entries = self.matching_entries(config).values_list("object_id", flat=True)
            ids = [int(object_id) for object_id in entries]
            matches = self.queryset.filter(pk__in=RawSQL("SELECT unnest(%s::integer[])", [ids]))
        newest = matches.order_by("-first_published_at", "-pk").values_list("pk", flat=True)
        return list(newest[:limit])


class RecentPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RecentPostgresSearchQueryCompiler
