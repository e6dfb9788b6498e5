"""The SQLite search backend, ranking matches in one pass (see kabar.search.backends)."""

from django.db.models import Exists, F, IntegerField, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def can_rank_in_one_pass(self) -> bool:
        return self.order_by_relevance and not isinstance(normalize(self.query), MatchAll | Not)

    def can_search_unranked(self) -> bool:
        return not self.order_by_relevance and not isinstance(normalize(self.query), MatchAll | Not)

    def fts_match(self, config):
        search_query = self.build_search_query(normalize(self.query), config=config)
        return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)

    def entry_ids(self, object_ids) -> QuerySet:
        """The index entries of this model's objects among `object_ids` (a subquery)."""
        content_types = get_descendants_content_types_pks(self.queryset.model)
        return IndexEntry.objects.filter(
            content_type__in=content_types, object_id__in=object_ids
        ).values("pk")

    def search_unranked(self, config, start, stop) -> QuerySet:
        """The matching objects as a plain queryset, in the queryset's own order.

        The full-text match is a subquery of its own, run once: when it is joined to the
        index entries in one query, SQLite may loop over the entries and run the whole
        match again for each (seconds at 100,000 articles).
        """
        matched = SQLiteFTSIndexEntry.objects.filter(self.fts_match(config)).values("pk")
        content_types = get_descendants_content_types_pks(self.queryset.model)
        object_ids = IndexEntry.objects.filter(
            content_type__in=content_types, pk__in=matched
        ).values("object_id")
        queryset = self.queryset.filter(pk__in=object_ids)
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # stable pages, as Wagtail's compiler does
        return queryset[start:stop]

    def recent_ids(self, config, limit: int) -> list:
        """The ids of the most recently indexed matches, at most `limit`, newest first.

        FTS5 reads a match in rowid order and stops at the limit, so this costs the same
        whether a word is in 1,000 or 90,000 articles; ordering by publication date would
        mean reading every match. Index entries are created when an article is first
        published, so index order is close to publication order (docs/search.md).
        """
        content_types = get_descendants_content_types_pks(self.queryset.model)
        allowed = self.queryset.order_by().filter(pk=OuterRef("object_pk"))
        return list(
            SQLiteFTSIndexEntry.objects.filter(self.fts_match(config))
            .filter(index_entry__content_type__in=content_types)
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()))
            .filter(Exists(allowed))
            .order_by("-pk")
            .values_list("object_pk", flat=True)[:limit]
        )

    def search_ranked(self, config, start, stop, score_field=None) -> list:
        """Matches best first, scored in a single pass over the full-text index."""
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        allowed = (
            self.queryset.order_by()
            .annotate(_object_id=Cast("pk", TextField()))
            .values("_object_id")
        )
        ranked = list(
            # Only the allowed objects' rows are scored: bm25() is worked out for the rows
            # that pass the filter, so a queryset narrowed to a few ids costs few scores.
            # "rowid + 0": a rowid constraint handed to FTS5 beside MATCH makes it run the
            # whole match once per listed rowid.
            SQLiteFTSIndexEntry.objects.filter(self.fts_match(config))
            .alias(entry=F("pk") + 0)
            .filter(entry__in=self.entry_ids(allowed))
            .annotate(score=rank)
            # bm25() is lower for better matches.
            .order_by("score", "-index_entry_id")
            .values_list("index_entry__object_id", "score")[start:stop]
        )
        pk_field = self.queryset.model._meta.pk
        keys = [(pk_field.to_python(object_id), score) for object_id, score in ranked]
        objects = self.queryset.order_by().in_bulk([key for key, _ in keys])
        results = []
        for key, score in keys:
            if (obj := objects.get(key)) is not None:
                if score_field:
                    setattr(obj, score_field, score)
                results.append(obj)
        return results


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        # Autocomplete keeps Wagtail's own compiler; only full-text search is ranked here.
        if (
            isinstance(compiler, RankedSQLiteSearchQueryCompiler)
            and compiler.can_rank_in_one_pass()
        ):
            config = compiler.get_config(self.backend)
            return compiler.search_ranked(config, self.start, self.stop, self._score_field)
        return super()._do_search()

    def get_queryset(self):
        compiler = self.query_compiler
        if isinstance(compiler, RankedSQLiteSearchQueryCompiler) and compiler.can_search_unranked():
            config = compiler.get_config(self.backend)
            return compiler.search_unranked(config, self.start, self.stop)
        return super().get_queryset()


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
