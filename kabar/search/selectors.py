"""Reads for site search: matching articles, promotions and suggestions."""

import datetime
import math
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import Or, PlainText, SearchQuery
from wagtail.search.utils import normalise_query_string

from kabar.news.models import ArticlePage, SectionPage
from kabar.news.selectors import article_cards, cards_attach

from .analysis import QueryTerms, query_terms
from .highlight import article_snippet, text_highlight
from .matching import (
    best_matches,
    match_count,
    newest_match_ids,
    recent_are_newest,
    recent_match_ids,
    recent_reads_cheap,
)

PER_PAGE = 10
# Relevance ranking looks at this many best matches and reorders them with freshness in
# mind.
RELEVANCE_WINDOW = 200
# On the database backends, a search reads its matches newest first and no further than
# this: the count says "more than" beyond it, and sorting by date pages through this many.
MATCH_LIMIT = 1_000
# ... and relevance scores only the most recent this many matches, so that a word found in
# most of the archive costs about what a rare word does (docs/search.md, "Ranking").
RANK_CANDIDATES = 1_000
# Share of the final score that freshness decides, and the age in days at which an
# article's freshness has halved.
FRESHNESS_WEIGHT = 0.3
FRESHNESS_HALF_LIFE_DAYS = 30
LATEST_COUNT = 6


@dataclass
class SearchOutcome:
    """One page of search results and what the page says about them."""

    page: PaginatorPage
    total: int  # the matches counted, beyond the ranked window too
    ranked_only: bool = False  # relevance order covers only the best RELEVANCE_WINDOW
    promotions: list = field(default_factory=list)
    more: bool = False  # more articles match than `total` (counting stopped at MATCH_LIMIT)
    # Relevance looked only at the newest this many matches (None: at every match).
    ranked_among: int | None = None


def sections_for_filter(*, root: Page) -> QuerySet:
    """Live sections under the site root, in tree order, for the section filter."""
    return SectionPage.objects.live().public().descendant_of(root).order_by("path")


def search_query_for(terms: QueryTerms) -> SearchQuery:
    """The backend query: every stem (matched against the stems field), or every word as
    typed (matched against the raw fields, which ranks exact matches higher)."""
    stems = PlainText(" ".join(terms.stems), operator="and")
    typed = terms.typed_terms()
    if set(typed) == set(terms.stems):
        return stems
    return Or([stems, PlainText(" ".join(typed), operator="and")])


def articles_searchable(
    *,
    root: Page,
    section: SectionPage | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """Visible articles under `root`, narrowed to a section and a local-date range; unordered,
    since the search backend orders the matches (by relevance, or as the caller asks)."""
    qs = ArticlePage.objects.visible().descendant_of(root).order_by()
    if section is not None:
        # Only filters on indexed fields (FilterField) reach a search backend, and an
        # OpenSearch backend cannot run a subquery: hence ids, not ArticlePage.in_section().
        secondary = list(section.secondary_articles.values_list("pk", flat=True))
        qs = qs.filter(
            Q(path__startswith=section.path, depth__gt=section.depth) | Q(id__in=secondary)
        )
    tz = timezone.get_current_timezone()
    if date_from:
        start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
        qs = qs.filter(first_published_at__gte=start)
    if date_to:
        end = datetime.datetime.combine(date_to, datetime.time.max, tzinfo=tz)
        qs = qs.filter(first_published_at__lte=end)
    return qs


def search_rank(candidates: list, *, now: datetime.datetime) -> list:
    """Candidates (with `_score` and `first_published_at`) best first: relevance, scaled to
    the best match, blended with freshness that halves every FRESHNESS_HALF_LIFE_DAYS."""
    # SQLite's bm25() is negative (lower is better), PostgreSQL's ts_rank() positive.
    relevance = {a.pk: abs(a._score or 0.0) for a in candidates}
    best = max(relevance.values(), default=0.0) or 1.0

    def score(article):
        age_days = max(0.0, (now - article.first_published_at).total_seconds() / 86400)
        freshness = math.pow(0.5, age_days / FRESHNESS_HALF_LIFE_DAYS)
        blended = (1 - FRESHNESS_WEIGHT) * relevance[article.pk] / best
        return blended + FRESHNESS_WEIGHT * freshness

    return sorted(candidates, key=lambda a: (-score(a), -a.pk))


def article_search(
    *,
    root: Page,
    terms: QueryTerms,
    section: SectionPage | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    sort: str = "relevance",
    page_number=1,
) -> SearchOutcome:
    """The requested page of articles matching `terms`, with highlighted titles and
    snippets; a page number that is not a number or too high gives the first or last page."""
    qs = articles_searchable(root=root, section=section, date_from=date_from, date_to=date_to)
    query = search_query_for(terms)
    # Only what ordering needs is read for the matches; full cards are read for one page.
    slim = qs.only("id", "first_published_at")
    if recent_reads_cheap(slim, query):
        outcome = article_search_bounded(slim, query, sort=sort, page_number=page_number)
    else:
        outcome = article_search_unbounded(slim, query, sort=sort, page_number=page_number)
    page = outcome.page
    page.object_list = articles_for_results(ids=[a.pk for a in page.object_list], terms=terms)
    return outcome


def article_search_bounded(slim, query, *, sort, page_number) -> SearchOutcome:
    """Database backends: count the most recent matches up to MATCH_LIMIT; page through that
    many newest first, or score the most recent RANK_CANDIDATES of them for relevance."""
    recent = recent_match_ids(slim, query, limit=MATCH_LIMIT + 1)
    total, more = min(len(recent), MATCH_LIMIT), len(recent) > MATCH_LIMIT
    if sort == "newest":
        # PostgreSQL's recent matches are the newest already, in order; SQLite's are the
        # most recently indexed, put in date order here. Sorting every match by date instead
        # cost 320-435 ms for a common word at 100,000 articles (docs/search.md).
        newest = recent[:total]
        if not recent_are_newest(slim, query):
            newest = newest_match_ids(slim.filter(pk__in=newest), limit=total)
        pages = Paginator(newest, PER_PAGE)
        page = pages.get_page(page_number)
        page.object_list = [_Hit(pk) for pk in page.object_list]
        return SearchOutcome(page=page, total=total, more=more)
    candidates = recent[:RANK_CANDIDATES]
    best = best_matches(slim, query, ids=candidates, limit=RELEVANCE_WINDOW)
    ranked = search_rank(best, now=timezone.now())
    page = Paginator(ranked, PER_PAGE).get_page(page_number)
    return SearchOutcome(
        page=page,
        total=total,
        more=more,
        ranked_only=total > len(ranked),
        ranked_among=len(candidates) if total > len(candidates) else None,
    )


def article_search_unbounded(slim, query, *, sort, page_number) -> SearchOutcome:
    """Every match counted and the best RELEVANCE_WINDOW ranked: on a search engine, which
    does it itself (see matching.recent_reads_cheap)."""
    if sort == "newest":
        results = slim.order_by("-first_published_at", "-id").search(
            query, order_by_relevance=False
        )
        page = Paginator(results, PER_PAGE).get_page(page_number)
        return SearchOutcome(page=page, total=page.paginator.count)
    results = slim.search(query).annotate_score("_score")
    candidates = list(results[:RELEVANCE_WINDOW])
    total = results.count() if len(candidates) == RELEVANCE_WINDOW else len(candidates)
    ranked = search_rank(candidates, now=timezone.now())
    page = Paginator(ranked, PER_PAGE).get_page(page_number)
    return SearchOutcome(page=page, total=total, ranked_only=total > len(ranked))


@dataclass(frozen=True)
class _Hit:
    """A match known by its id, until its card is read."""

    pk: int


def articles_for_results(*, ids: list[int], terms: QueryTerms) -> list[ArticlePage]:
    """Full article cards for `ids`, in that order, with highlighted title and snippet."""
    found = {a.pk: a for a in article_cards(ArticlePage.objects.filter(pk__in=ids))}
    articles = cards_attach(found[pk] for pk in ids if pk in found)
    for article in articles:
        article.title_highlighted = text_highlight(article.title, terms)
        article.snippet = article_snippet(article, terms)
    return articles


def search_promotions_for(*, query: str, terms: QueryTerms) -> list[SearchPromotion]:
    """Editors' promoted results for the query, as typed or without its stopwords; links to
    pages that are no longer live are left out."""
    keys = {normalise_query_string(query), normalise_query_string(" ".join(terms.words))}
    promotions = (
        SearchPromotion.objects.filter(query__query_string__in=keys)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    seen, shown = set(), []
    for promotion in promotions:
        key = promotion.page_id or promotion.external_link_url
        if key in seen or (promotion.page_id and not promotion.page.live):
            continue
        seen.add(key)
        shown.append(promotion)
    return shown


def search_suggestions(
    *, root: Page, terms: QueryTerms, filtered: bool, section=None, date_from=None, date_to=None
) -> dict:
    """Ways out of an empty result: the same words without filters, each word on its own,
    and the latest articles. (Other readers' queries are not shown: anyone could plant
    text there.)"""
    suggestions = {}
    if filtered and terms:
        suggestions["unfiltered_count"], suggestions["unfiltered_more"] = match_count(
            articles_searchable(root=root), search_query_for(terms), limit=MATCH_LIMIT
        )
    if len(terms.words) > 1:
        single = []
        for word in terms.words[:4]:
            word_terms = query_terms(word)
            qs = articles_searchable(
                root=root, section=section, date_from=date_from, date_to=date_to
            )
            count, more = match_count(qs, search_query_for(word_terms), limit=MATCH_LIMIT)
            if count:
                single.append((word, count, more))
        suggestions["single_words"] = single
    suggestions["latest"] = cards_attach(
        article_cards(ArticlePage.objects.visible().descendant_of(root))[:LATEST_COUNT]
    )
    return suggestions
