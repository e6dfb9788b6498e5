"""Reads for the wire desk: the filtered queue, counts per status, an item's similar copies."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import WireFingerprint, WireItem
from .services.wire_dedupe import signature_from_fingerprint, similar_find


@dataclass(frozen=True)
class DeskFilters:
    source: int | None = None
    status: str = ""
    section: int | None = None
    query: str = ""


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
    for word in filters.query.split()[:8]:
        items = items.filter(
            Q(headline__icontains=word)
            | Q(summary__icontains=word)
            | Q(body_html__icontains=word)
            | Q(dateline_place__icontains=word)
        )
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
