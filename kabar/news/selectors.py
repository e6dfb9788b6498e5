"""Reads for the public site. Every listing here costs a fixed number of queries,
however many articles, tags or authors it shows."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.paginator import EmptyPage, InvalidPage, Page as PaginatorPage, Paginator
from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import RowNumber, Substr
from django.db.models.expressions import Window
from django.http import Http404
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage

PER_PAGE = 12
LATEST_COUNT = 8
TOP_STORY_COUNT = 4
PER_SECTION_BLOCK = 4
CARD_RENDITIONS = ("fill-640x360", "fill-320x180")


def article_cards(queryset: QuerySet) -> QuerySet:
    """Articles with what a card shows (image renditions, byline) fetched up front."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    byline = ArticleAuthor.objects.select_related("author").order_by("sort_order")
    return queryset.select_related(None).prefetch_related(
        Prefetch("featured_image", queryset=images),
        Prefetch("authorships", queryset=byline),
    )


def sections_attach(articles: Iterable[ArticlePage]) -> list[ArticlePage]:
    """Set `article.section` on each article from one query, and return them as a list."""
    articles = list(articles)
    parent_paths = {a.path[: -Page.steplen] for a in articles}
    sections = {s.path: s for s in SectionPage.objects.filter(path__in=parent_paths)}
    for article in articles:
        article.section = sections.get(article.path[: -Page.steplen])
    return articles


def paginate(request, queryset, per_page: int = PER_PAGE) -> PaginatorPage:
    """The requested page of a listing; a missing, bad or out-of-range number is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit():
        raise Http404("Invalid page number")
    try:
        page = Paginator(queryset, per_page).page(int(raw))
    except (EmptyPage, InvalidPage) as exc:
        raise Http404("No such page") from exc
    page.object_list = sections_attach(page.object_list)
    return page


def articles_live(root: Page | None = None) -> QuerySet:
    """Live public articles, newest first, optionally only those under `root`."""
    qs = ArticlePage.objects.published()
    if root is not None:
        qs = qs.descendant_of(root)
    return qs


def home_page_context(*, home: HomePage) -> dict:
    """Lead story, top stories, latest news and a block per top-level section."""
    newest = article_cards(articles_live(home))
    chosen_ids = []
    if home.lead_story_id:
        chosen_ids.append(home.lead_story_id)
    chosen_ids += [t.article_id for t in home.top_stories.all()]
    chosen = {a.pk: a for a in newest.filter(pk__in=chosen_ids)} if chosen_ids else {}
    picks = [chosen[pk] for pk in dict.fromkeys(chosen_ids) if pk in chosen]
    # Editors' picks come first; the newest articles fill whatever they left open.
    fill = list(newest.exclude(pk__in=[a.pk for a in picks])[: 1 + TOP_STORY_COUNT + LATEST_COUNT])
    lead_and_top = (picks + fill)[: 1 + TOP_STORY_COUNT]
    shown = {a.pk for a in lead_and_top}
    latest = [a for a in fill if a.pk not in shown][:LATEST_COUNT]
    sections = list(home.get_children().live().public().type(SectionPage).specific())
    blocks = section_blocks(sections=sections, root=home)
    sections_attach(lead_and_top + latest)
    return {
        "lead_story": lead_and_top[0] if lead_and_top else None,
        "top_stories": lead_and_top[1:],
        "latest": latest,
        "section_blocks": [(s, blocks.get(s.path, [])) for s in sections],
    }


def section_blocks(*, sections: list[Page], root: Page) -> dict[str, list[ArticlePage]]:
    """The newest few articles under each of `sections`, keyed by section path, in one query."""
    if not sections:
        return {}
    prefix_len = (root.depth + 1) * Page.steplen
    ranked = (
        articles_live(root)
        .annotate(section_path=Substr("path", 1, prefix_len))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_path")],
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=PER_SECTION_BLOCK)
    )
    grouped = defaultdict(list)
    for article in sections_attach(article_cards(ranked)):
        grouped[article.section_path].append(article)
    return grouped


def section_page_context(*, section: SectionPage, request) -> dict:
    qs = article_cards(ArticlePage.objects.published().in_section(section))
    return {
        "articles": paginate(request, qs),
        "subsections": section.get_children().live().public().type(SectionPage),
    }


def articles_for_tag(*, root: Page, slug: str):
    """The tag with `slug` and its live articles; a tag no live article uses is a 404."""
    from taggit.models import Tag

    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag")
    qs = article_cards(articles_live(root).filter(tagged_items__tag=tag))
    return tag, qs


def articles_for_author(*, root: Page, slug: str):
    author = Author.objects.select_related("photo").filter(slug=slug).first()
    if author is None:
        raise Http404("No such author")
    qs = article_cards(articles_live(root).filter(authorships__author=author).distinct())
    return author, qs


def authors_with_articles(*, root: Page) -> QuerySet:
    """Authors credited on at least one live article under `root`."""
    ids = ArticleAuthor.objects.filter(article__in=articles_live(root)).values("author")
    return Author.objects.filter(pk__in=ids).select_related("photo")


def archive_range(year: int, month: int | None = None, day: int | None = None):
    """The local-time [start, end) of a year, month or day; a date that does not exist is a 404."""
    try:
        if day is not None:
            start = datetime.date(year, month, day)
            end = start + datetime.timedelta(days=1)
        elif month is not None:
            start = datetime.date(year, month, 1)
            end = datetime.date(year + (month == 12), month % 12 + 1, 1)
        else:
            start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    except (ValueError, OverflowError) as exc:
        raise Http404("No such date") from exc
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=tz),
        start,
    )


def articles_for_archive(*, root: Page, year: int, month=None, day=None):
    start, end, first_day = archive_range(year, month, day)
    qs = articles_live(root).filter(first_published_at__gte=start, first_published_at__lt=end)
    return first_day, article_cards(qs)
