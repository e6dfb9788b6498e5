"""Automatic "Berita terkait": the stories most like an article, from shared tags and from the
stemmed Indonesian text the search index already holds.

Worked out when an article is published (a task), stored in RelatedArticle, and only read
when a page is built: no similarity is computed per view. The article's headline, kicker
and tags, as stems, are searched for with OR in the search index (which ranks every other
story by how much of that it has, body included), and stories sharing tags are added; of
those, a story is related when its own headline, kicker and tags share at least two stems
with the article's, and it scores by that overlap, its search rank and how close in time
the two were published. Editors' own "Baca juga"
links (related-links blocks in the body) stay first when the list is shown.
"""

import math
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from wagtail.search.query import PlainText

from kabar.core.text import text_stems
from kabar.news.models import ArticlePage
from kabar.news.models.pages import ArticleTag
from kabar.news.selectors import sections_attach

from .models import RelatedArticle

RELATED_COUNT = 4
# How many of the best text matches and tag matches are looked at; the rest cannot win.
CANDIDATES = 40
# A story is related only if its headline, kicker and tags share this many stems with the
# article's (fewer if the article has fewer): one common word ("warga", "harga") is not enough.
MIN_SHARED = 2
SHARED_WEIGHT = 0.5
TEXT_WEIGHT = 0.3
NEARNESS_WEIGHT = 0.2
NEARNESS_HALF_LIFE_DAYS = 30


def headline_terms(title: str, kicker: str, tags) -> set[str]:
    """The stems that say what a story is about: its headline, kicker and tags."""
    return set(text_stems(" ".join([title, kicker, *tags])).split())


def related_scores(article: ArticlePage) -> dict[int, float]:
    """Visible stories (other than the article) that share enough with it, scored 0-1 by
    likeness, best first."""
    terms = headline_terms(article.title, article.kicker, [t.name for t in article.tags.all()])
    pool = ArticlePage.objects.visible().exclude(pk=article.pk).order_by()
    text = {}
    if terms:
        query = PlainText(" ".join(sorted(terms)), operator="or")
        matches = list(pool.only("id").search(query).annotate_score("_score")[:CANDIDATES])
        # SQLite's bm25() is negative (lower is better), PostgreSQL's ts_rank() positive.
        best = max((abs(m._score or 0.0) for m in matches), default=0.0) or 1.0
        text = {m.pk: abs(m._score or 0.0) / best for m in matches}
    tagged = (
        ArticleTag.objects.filter(tag__in=article.tags.all(), content_object__in=pool)
        .values("content_object_id")
        .annotate(count=Count("id"))
        .order_by("-count", "-content_object_id")
        .values_list("content_object_id", flat=True)[:CANDIDATES]
    )
    candidates = set(text) | set(tagged)
    tags = defaultdict(list)
    for pk, name in ArticleTag.objects.filter(content_object_id__in=candidates).values_list(
        "content_object_id", "tag__name"
    ):
        tags[pk].append(name)
    needed = min(MIN_SHARED, len(terms))
    scores = {}
    for pk, title, kicker, published in ArticlePage.objects.filter(pk__in=candidates).values_list(
        "pk", "title", "kicker", "first_published_at"
    ):
        theirs = headline_terms(title, kicker, tags[pk])
        if not needed or len(terms & theirs) < needed:
            continue
        shared = len(terms & theirs) / len(terms | theirs)
        scores[pk] = (
            SHARED_WEIGHT * shared
            + TEXT_WEIGHT * text.get(pk, 0.0)
            + NEARNESS_WEIGHT * nearness(article.first_published_at, published)
        )
    return dict(sorted(scores.items(), key=lambda item: (-item[1], -item[0])))


def nearness(one, other) -> float:
    """1 for stories published together, halving every NEARNESS_HALF_LIFE_DAYS apart."""
    if one is None or other is None:
        return 0.0
    days = abs((one - other).total_seconds()) / 86400
    return math.pow(0.5, days / NEARNESS_HALF_LIFE_DAYS)


def related_refresh(article: ArticlePage) -> bool:
    """Store the article's automatic related stories; True if the list changed."""
    best = list(related_scores(article).items())[:RELATED_COUNT]
    before = list(
        RelatedArticle.objects.filter(article=article).values_list("related_id", flat=True)
    )
    with transaction.atomic():
        RelatedArticle.objects.filter(article=article).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(article=article, related_id=pk, position=n, score=score)
            for n, (pk, score) in enumerate(best)
        )
    return before != [pk for pk, _score in best]


def related_rebuild() -> int:
    """Refresh every visible article's list, oldest first; returns how many. Pages are not
    purged here: call it before the site serves them, or purge everything after."""
    count = 0
    for article in ArticlePage.objects.visible().order_by("first_published_at", "pk").iterator():
        related_refresh(article)
        count += 1
    return count


def editors_picks(article: ArticlePage) -> list[int]:
    """Ids of the stories the editor linked in the body's "Baca juga" blocks, in order."""
    picks = []
    for block in article.body:
        if block.block_type == "related_links":
            picks += [link["page"].pk for link in block.value["links"] if link.get("page")]
    return list(dict.fromkeys(picks))


def related_articles(article: ArticlePage) -> list[ArticlePage]:
    """What "Berita terkait" lists, visible stories only: the editor's picks first, then the
    automatic ones; with their sections, for compact cards (two queries)."""
    picks = editors_picks(article)
    automatic = RelatedArticle.objects.filter(article=article).values("related")
    found = ArticlePage.objects.visible().filter(Q(pk__in=picks) | Q(pk__in=automatic))
    found = found.annotate(
        automatic_position=Subquery(
            RelatedArticle.objects.filter(article=article, related=OuterRef("pk")).values(
                "position"
            )[:1]
        )
    ).only("title", "url_path", "path", "first_published_at", "kicker", "sponsored", "unverified")
    by_pk = {a.pk: a for a in found}
    ordered = [by_pk[pk] for pk in picks if pk in by_pk]
    rest = sorted(
        (a for a in by_pk.values() if a.pk not in picks), key=lambda a: a.automatic_position
    )
    return sections_attach((ordered + rest)[: max(RELATED_COUNT, len(ordered))])


def articles_listing(article_id: int) -> list[int]:
    """Ids of the articles whose automatic list holds this one: their pages show it."""
    return list(
        RelatedArticle.objects.filter(related_id=article_id).values_list("article_id", flat=True)
    )
