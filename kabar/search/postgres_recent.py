"""The PostgreSQL search backend, reading a search's newest matches by the cheaper of two
plans (see kabar.search.backends and docs/search.md, "Ranking").

The newest matches can be found two ways. Walking the publication-date index newest first
and checking each article against its index entry stops once enough are found, but each
check unpacks the article's tsvector: for a word in 90% of the archive that is about 1,100
checks for 1,000 matches, for one in 5% it is 20,000. Reading every match through the GIN
index and sorting them by date costs a cheap step per match however many there are.
PostgreSQL's planner prices the check as nearly free, so left to itself it walks the dates
for words in a few percent of the archive too (1.3-1.6 s instead of 0.5 s at 33,000
articles); here the plan is chosen from the planner's own estimate of the matches (the
statistics ANALYZE keeps on the indexed expression: the most common terms and their share).
"""

import json
from datetime import timedelta

from django.db.models import F, QuerySet
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# What stepping over one article in the date walk costs (checking its tsvector), in units
# of one match read through the GIN index: measured at 100,000 articles (docs/search.md).
WALK_STEP_COST = 10


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

    def matches_estimated(self, config) -> tuple[float, float]:
        """The planner's estimate of the index entries of this model that match, and of all
        of them."""
        content_types = get_descendants_content_types_pks(self.queryset.model)
        entries = IndexEntry.objects.filter(content_type__in=content_types)
        # The very expression the GIN index (and its statistics) cover: see
        # migrations/0001_title_body_search_index.py.
        vector = F("title")._combine(F("body"), "||", False)
        matching = entries.annotate(_vector_=vector).filter(
            _vector_=self.build_tsquery(self.query, config=config)
        )
        return planned_rows(matching), planned_rows(entries)

    def recent_ids(self, config, limit: int) -> list:
        """The ids of the newest published matches, at most `limit`, newest first."""
        matching, total = self.matches_estimated(config)
        newest = F("first_published_at")
        if not date_walk_cheaper(matching=matching, total=total, limit=limit):
            # An order the date index cannot give, so every match is read (through the GIN
            # index) and sorted, instead of walking the dates.
            newest = newest + timedelta(0)
        matches = self.search(config, None, None).order_by(newest.desc(), "-pk")
        return list(matches.values_list("pk", flat=True)[:limit])


class RecentPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RecentPostgresSearchQueryCompiler
