"""Reads for the wire desk: the filtered queue, counts per status, an item's similar copies."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Count
from django.db.models.expressions import RawSQL

from kabar.search.analysis import query_terms

from .models import WireFingerprint, WireItem
from .services import wire_search
from .services.wire_dedupe import signature_from_fingerprint, similar_find


@dataclass(frozen=True)
class DeskFilters:
    source: int | None = None
    status: str = ""
    section: int | None = None
    query: str = ""


class CountedPaginator(Paginator):
    """A paginator told how many items there are instead of counting them again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def wire_desk_page(*, filters: DeskFilters, number, per_page: int = 50):
    """(page of the desk's items, counts per status) under the filters.

    The counters already add up to the total, so the matches are not counted twice; and the
    page is chosen by id first, so the sort of thousands of matches (a common search word)
    carries ids and dates, not every item's body.
    """
    counts = wire_status_counts(filters=filters)
    total = counts[filters.status] if filters.status else sum(counts.values())
    ids = wire_item_list(filters=filters).values_list("pk", flat=True)
    page = CountedPaginator(ids, per_page, count=total).get_page(number)
    wanted = list(page.object_list)
    found = WireItem.objects.select_related(
        "source", "duplicate_of__source", "duplicate_of_article", "article"
    ).in_bulk(wanted)
    page.object_list = [found[pk] for pk in wanted if pk in found]
    return page, counts


def wire_item_list(*, filters: DeskFilters):
    """The desk's items, newest first, narrowed by source, status, section and search words."""
    items = WireItem.objects.select_related(
        "source", "duplicate_of", "duplicate_of_article", "article"
    ).newest_first()
    if filters.source:
        items = items.filter(source_id=filters.source)
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.section:
        items = items.filter(source__section_id=filters.section)
    if filters.query:
        items = wire_item_search(items, query=filters.query)
    return items


def wire_item_search(items, *, query: str):
    """The items holding every word of the query in their dateline place, headline, summary
    or body, in any of its forms: the query's stems (`kabar.search.analysis`, stopwords left
    out) against each item's `search_text`, through the database's full-text index
    (`services.wire_search`): FTS5 on SQLite, the `indonesian` configuration on PostgreSQL."""
    stems = query_terms(query).stems
    if not stems:
        return items
    if connection.vendor == "sqlite":
        # Stems are runs of letters and digits (kabar.core.text): quoted, each is one term.
        match = " ".join(f'"{stem}"' for stem in stems)
        return items.filter(
            pk__in=RawSQL(
                f"SELECT rowid FROM {wire_search.FTS_TABLE} WHERE {wire_search.FTS_TABLE} MATCH %s",
                [match],
            )
        )
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(WireItem._meta.db_table)
        return items.filter(
            RawSQL(
                f"{table}.{wire_search.POSTGRESQL_VECTOR} "
                "@@ plainto_tsquery('indonesian'::regconfig, %s)",
                [" ".join(stems)],
                output_field=BooleanField(),
            )
        )
    for stem in stems:
        items = items.filter(search_text__icontains=stem)
    return items


def wire_status_counts(*, filters: DeskFilters) -> dict[str, int]:
    """How many items each status has under the other filters."""
    rows = (
        wire_item_list(filters=DeskFilters(filters.source, "", filters.section, filters.query))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(WireItem.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


@dataclass(frozen=True)
class SimilarCopy:
    similarity: float
    item: WireItem | None = None
    article: object | None = None


def wire_item_similar(*, item: WireItem, limit: int = 5) -> list[SimilarCopy]:
    """The other wire items and published articles that tell the same story."""
    fingerprint = WireFingerprint.objects.filter(item=item).first()
    if fingerprint is None:
        return []
    matches = similar_find(
        signature=signature_from_fingerprint(fingerprint), exclude_item_id=item.pk, limit=limit
    )
    found = []
    for match, score in matches:
        if match.item_id:
            found.append(
                SimilarCopy(
                    score, item=WireItem.objects.select_related("source").get(pk=match.item_id)
                )
            )
        elif match.article_id:
            from kabar.news.models import ArticlePage

            found.append(SimilarCopy(score, article=ArticlePage.objects.get(pk=match.article_id)))
    return found
