"""The SQLite search backend, ranking matches in one pass (see kabar.search.backends)."""

from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
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

    def search_ranked(self, config, start, stop, score_field=None) -> list:
        """Matches best first, scored in a single pass over the full-text index."""
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        allowed = (
            self.queryset.order_by()
            .annotate(_object_id=Cast("pk", TextField()))
            .values("_object_id")
        )
        content_types = get_descendants_content_types_pks(self.queryset.model)
        ranked = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=content_types, index_entry__object_id__in=allowed)
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


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
