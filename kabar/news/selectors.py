"""Reads for the public site. Every listing here costs a fixed number of queries,
however many articles, tags or authors it shows."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from .blocks import FRONT_BLOCK_MAX_COUNT
from .models import ArticleAuthor, ArticlePage, Author, Credits, HomePage, SectionPage

PER_PAGE = 12
LATEST_COUNT = 8
TOP_STORY_COUNT = 4
PER_SECTION_BLOCK = 4
# The sizes the card templates (components/article_card.html) ask for, smallest first; each
# comes as the original format, as WebP and (cards are wide enough for it to pay, see
# kabar.core.templatetags.kabar.avif_pays) as AVIF. Prefetching exactly these keeps a listing
# free of per-image queries, so the two must change together.
CARD_IMAGE_SPECS = ("fill-320x180", "fill-640x360")
LEAD_IMAGE_SPECS = ("fill-640x360", "fill-1280x720")
AUTHOR_PHOTO_SPECS = ("fill-96x96", "fill-192x192")
CARD_RENDITIONS = tuple(
    spec
    for base in dict.fromkeys(CARD_IMAGE_SPECS + LEAD_IMAGE_SPECS)
    for spec in (base, f"{base}|format-webp", f"{base}|format-avif")
)
AUTHOR_PHOTO_RENDITIONS = tuple(
    spec for base in AUTHOR_PHOTO_SPECS for spec in (base, f"{base}|format-webp")
)


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


# What apps above news add to every card (the comments app: each article's comment count).
# Each is a function that sets attributes on a list of articles in a fixed number of queries,
# registered from its app's AppConfig.ready(); news itself never imports those apps.
_card_extras: list[Callable[[list[ArticlePage]], object]] = []


def card_extra_register(attach: Callable[[list[ArticlePage]], object]) -> None:
    """Have `attach(articles)` run on the articles of every listing of cards."""
    if attach not in _card_extras:
        _card_extras.append(attach)


def cards_attach(articles: Iterable[ArticlePage]) -> list[ArticlePage]:
    """Set what a card shows beyond the article itself: its section, and what other apps add
    through `card_extra_register` (the comment count)."""
    articles = sections_attach(articles)
    for attach in _card_extras:
        attach(articles)
    return articles


def paginate(
    request, queryset, per_page: int = PER_PAGE, allow_empty: bool = True
) -> PaginatorPage:
    """The requested page of a listing; a bad or out-of-range number is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit():
        raise Http404(_("The page number must be a whole number."))
    paginator = Paginator(queryset, per_page, allow_empty_first_page=allow_empty)
    try:
        page = paginator.page(int(raw))
    except (EmptyPage, InvalidPage) as exc:
        raise Http404(_("There is no such page in this listing.")) from exc
    page.object_list = cards_attach(page.object_list)
    return page


def sections_under(page: Page) -> list[SectionPage]:
    """The live public sections directly under `page`, in tree order.

    Found by id in the small sections table: `page.get_children()` walks the path index over
    every page below (on SQLite, every article under the home page: 0.13 s at 100,000).
    """
    ids = list(SectionPage.objects.order_by().values_list("pk", flat=True))
    return list(
        SectionPage.objects.filter(pk__in=ids).child_of(page).live().public().order_by("path")
    )


@dataclass(frozen=True)
class FrontBlock:
    """One section block of the front page: the section, how many stories, which come first."""

    section: SectionPage
    count: int = PER_SECTION_BLOCK
    pinned_ids: tuple[int, ...] = ()


def front_arrangement(home: HomePage) -> list[tuple[int, int, tuple[int, ...]]]:
    """(section id, count, pinned ids) for each block the editors arranged, in their order.

    Read from the stream's raw data, ids only: the blocks' own choosers would fetch each chosen
    page without the readers' rules; `front_blocks` reads them all at once, visible ones only.
    """
    arranged = []
    for item in home.front_sections.raw_data:
        value = item["value"] if item["type"] == "section" else {}
        if not value.get("section"):
            continue
        count = min(max(int(value.get("count") or PER_SECTION_BLOCK), 1), FRONT_BLOCK_MAX_COUNT)
        # A ListBlock stores {"type": "item", "value": id} items (older data: bare ids).
        pinned = [p["value"] if isinstance(p, dict) else p for p in value.get("pinned") or []]
        arranged.append((value["section"], count, tuple(pk for pk in pinned if pk)))
    return arranged


def front_blocks(home: HomePage) -> list[FrontBlock]:
    """The front page's section blocks: as arranged (live public sections under the home page
    only), or, when nothing is arranged, every top-level section with its newest few."""
    arranged = front_arrangement(home)
    if not arranged:
        return [FrontBlock(section=s) for s in sections_under(home)]
    ids = [section_id for section_id, _count, _pinned in arranged]
    found = SectionPage.objects.filter(pk__in=ids).descendant_of(home).live().public()
    sections = {s.pk: s for s in found}
    return [
        FrontBlock(section=sections[section_id], count=count, pinned_ids=pinned)
        for section_id, count, pinned in arranged
        if section_id in sections
    ]


def home_page_context(*, home: HomePage) -> dict:
    """Lead story, top stories, latest news and the section blocks."""
    newest = article_cards(ArticlePage.objects.visible().descendant_of(home))
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
    cards_attach(lead_and_top + latest)
    return {
        "lead_story": lead_and_top[0] if lead_and_top else None,
        "top_stories": lead_and_top[1:],
        "latest": latest,
        "section_blocks": section_blocks(blocks=front_blocks(home), root=home),
    }


def section_blocks(*, blocks: list[FrontBlock], root: Page) -> list[tuple[SectionPage, list]]:
    """Each block's section with its stories: its visible pinned ones first, then its newest.

    One query for every block's cards, however many blocks: each block's newest ids come from
    its own small LIMIT subquery (the newest-first index stops after a few rows, however large
    the archive), where a window function over every article would read the whole archive.
    """
    if not blocks:
        return []
    live = ArticlePage.objects.visible().descendant_of(root)  # public() reads once, here
    wanted = Q(pk__in=[pk for block in blocks for pk in block.pinned_ids])
    for block in blocks:
        newest = live.filter(path__startswith=block.section.path, depth__gt=block.section.depth)
        wanted |= Q(pk__in=newest.values("pk")[: block.count])
    cards = cards_attach(article_cards(live.filter(wanted)))  # newest first
    by_id = {a.pk: a for a in cards}
    result = []
    for block in blocks:
        section = block.section
        pinned = [by_id[pk] for pk in dict.fromkeys(block.pinned_ids) if pk in by_id]
        pinned = pinned[: block.count]
        taken = {a.pk for a in pinned}
        filed = [
            a
            for a in cards
            if a.path.startswith(section.path) and a.depth > section.depth and a.pk not in taken
        ]
        result.append((section, pinned + filed[: block.count - len(pinned)]))
    return result


def section_page_context(*, section: SectionPage, request) -> dict:
    qs = article_cards(ArticlePage.objects.visible().in_section(section))
    return {
        "articles": paginate(request, qs),
        "subsections": sections_under(section),
    }


def articles_for_tag(*, root: Page, slug: str):
    """The tag with `slug` and its live articles; a tag no live article uses is a 404."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404(_("No such tag."))
    qs = article_cards(
        ArticlePage.objects.visible().descendant_of(root).filter(tagged_items__tag=tag)
    )
    return tag, qs


def articles_for_author(*, root: Page, slug: str):
    author = Author.objects.select_related("photo").filter(slug=slug).first()
    if author is None:
        raise Http404(_("No such author."))
    # A subquery rather than a join keeps each article once when an author has two roles.
    ids = ArticleAuthor.objects.filter(author=author).values("article")
    qs = article_cards(ArticlePage.objects.visible().descendant_of(root).filter(pk__in=ids))
    return author, qs


def authors_with_articles(*, root: Page) -> QuerySet:
    """Authors credited on at least one live article under `root`."""
    ids = ArticleAuthor.objects.filter(
        article__in=ArticlePage.objects.visible().descendant_of(root)
    ).values("author")
    photos = get_image_model().objects.prefetch_renditions(*AUTHOR_PHOTO_RENDITIONS)
    return Author.objects.filter(pk__in=ids).prefetch_related(Prefetch("photo", queryset=photos))


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
        raise Http404(_("There is no such date.")) from exc
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=tz),
        start,
    )


def articles_for_archive(*, root: Page, year: int, month=None, day=None):
    start, end, first_day = archive_range(year, month, day)
    qs = (
        ArticlePage.objects.visible()
        .descendant_of(root)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
    )
    return first_day, article_cards(qs)


def moments_around(articles: QuerySet, *, before, since) -> tuple:
    """When the newest of `articles` before `before`, and the oldest from `since` on, were
    first published (None where there is none)."""
    moments = articles.values_list("first_published_at", flat=True)
    earlier = moments.filter(first_published_at__lt=before).order_by("-first_published_at")
    later = moments.filter(first_published_at__gte=since).order_by("first_published_at")
    return earlier.first(), later.first()


def archive_neighbours(*, root: Page, year: int, month=None, day=None) -> dict:
    """The nearest earlier and later moments with articles, and the sub-periods that have any."""
    start, end, _first_day = archive_range(year, month, day)
    live = ArticlePage.objects.visible().descendant_of(root)
    earlier, later = moments_around(live, before=start, since=end)
    parts = []
    if day is None:
        kind = "day" if month else "month"
        in_period = live.filter(first_published_at__gte=start, first_published_at__lt=end)
        parts = list(
            in_period.order_by().datetimes("first_published_at", kind, tzinfo=start.tzinfo)
        )
    local = timezone.localtime
    return {
        "previous": local(earlier) if earlier else None,
        "next": local(later) if later else None,
        "parts": parts,
    }


def article_page_context(*, article: ArticlePage) -> dict:
    """What an article page shows besides its own fields, each read once."""
    authorships = article.authorships.all()
    if isinstance(authorships, QuerySet):
        authorships = authorships.select_related("author")
    authorships = list(authorships)
    return {
        "section": article.get_parent().specific,
        # Every section above the article, outermost first: Dalam Negeri, then Daerah.
        "breadcrumb_sections": list(article.get_ancestors().type(SectionPage).specific()),
        "authorships": authorships,
        "credits": Credits.of(authorships),
        "tags": list(article.tags.all()),
        "secondary_sections": [s for s in article.secondary_sections.all() if s.live],
    }
