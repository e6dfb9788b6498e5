"""Writes for site search: what readers search for, for the editors' report."""

from wagtail.contrib.search_promotions.models import Query


def search_query_record(*, query: str) -> Query:
    """Count one more search for the query today (Wagtail's "Search terms" report)."""
    record = Query.get(query)
    record.add_hit()
    return record
