"""Which addresses show an article, and purging them whenever it changes.

An article appears on its own page, the home page, the listings of its sections (and their
parents), tags and authors, the date archives (and their neighbours' "earlier/later" links),
and on other apps' pages: the feeds and sitemaps (seo), the comments feeds (comments).
Publishing, unpublishing, editing, moving or deleting it purges all of those, both as they were
before the change and after, so that a removed tag's page forgets the story too. Changes to
anything many pages show (a section's title, an author's name, the menu) purge everything.

News knows only its own pages. Each app whose pages show articles registers, from its
AppConfig.ready(), a function naming its addresses that show a given article and one naming
all its public addresses (`article_pages_register`); news never imports those apps.
"""

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from kabar.pagecache.purge import (
    everything_purge,
    localized,
    paths_purge,
    purges_are_deferred,
)

from .models import ArticlePage, Author, SectionPage
from .selectors import moments_around

logger = logging.getLogger(__name__)

# (every path, the paths among them that paginate as listings: ?page=2 …)
Paths = tuple[set[str], set[str]]


@dataclass
class ArticlePlaces:
    """Where an article is filed, as stored now: what each app's pages about it are keyed by."""

    article: ArticlePage
    site: Site | None
    sections: list[SectionPage] = field(default_factory=list)  # primary, parents, secondary
    tag_slugs: list[str] = field(default_factory=list)
    author_slugs: list[str] = field(default_factory=list)

    def section_keys(self) -> list[str]:
        """The sections' paths below the site's home page: "luar-negeri", "ekonomi/bisnis"."""
        if self.site is None:
            return []
        root_path = self.site.root_page.url_path
        return [
            section.url_path[len(root_path) :].strip("/")
            for section in self.sections
            if section.url_path.startswith(root_path)
        ]


@dataclass(frozen=True)
class PagesShowingArticles:
    """One app's pages that show articles: those showing a given one, and all of them."""

    article_paths: Callable[[ArticlePlaces], Paths]
    all_paths: Callable[[], Paths]


_registry: list[PagesShowingArticles] = []


def article_pages_register(
    *, article_paths: Callable[[ArticlePlaces], Paths], all_paths: Callable[[], Paths]
) -> None:
    """Have an app's pages purged with the articles they show (call from AppConfig.ready())."""
    entry = PagesShowingArticles(article_paths=article_paths, all_paths=all_paths)
    if entry not in _registry:
        _registry.append(entry)


def path_reverse(name: str, **kwargs) -> str:
    """The path of a named URL in the default language; `localized` adds the others."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs)


def page_path(page) -> str | None:
    url = page.get_url()
    return urlsplit(url).path if url else None


def archive_paths(moment) -> set[str]:
    local = timezone.localtime(moment)
    year, month, day = f"{local.year:04d}", f"{local.month:02d}", f"{local.day:02d}"
    return {
        path_reverse("news:archive_year", year=year),
        path_reverse("news:archive_month", year=year, month=month),
        path_reverse("news:archive_day", year=year, month=month, day=day),
    }


def tag_slugs_used() -> list[str]:
    """Slugs of the tags some article carries."""
    tags = Tag.objects.filter(news_articletag_items__isnull=False).distinct()
    return list(tags.values_list("slug", flat=True))


def author_slugs_all() -> list[str]:
    return list(Author.objects.values_list("slug", flat=True))


def neighbour_moments(article: ArticlePage) -> list:
    """The nearest earlier and later stories' times: their archives link to this one's day."""
    moment = article.first_published_at
    if moment is None:
        return []
    others = ArticlePage.objects.visible().exclude(pk=article.pk)
    return [m for m in moments_around(others, before=moment, since=moment) if m is not None]


def article_places(article: ArticlePage) -> ArticlePlaces:
    try:
        site = article.get_site()
    except Site.DoesNotExist:  # Wagtail's cached site paths outlived the site
        site = None
    sections = list(article.get_ancestors().type(SectionPage).specific())
    sections += list(article.secondary_sections.all())
    return ArticlePlaces(
        article=article,
        site=site,
        sections=sections,
        tag_slugs=[tag.slug for tag in article.tags.all()],
        author_slugs=[
            credit.author.slug for credit in article.authorships.select_related("author")
        ],
    )


def news_article_paths(places: ArticlePlaces) -> Paths:
    """News's own pages showing the article: its page, the home page, its sections' pages, its
    tags' and authors' pages, the authors index and the date archives."""
    article = places.article
    listings: set[str] = set()
    others: set[str] = {path_reverse("news:authors")}
    own = page_path(article)
    if own:
        others.add(own)
    if places.site is not None:
        home = page_path(places.site.root_page)
        if home:
            listings.add(home)
    for section in places.sections:
        path = page_path(section)
        if path:
            listings.add(path)
    listings.update(path_reverse("news:tag", slug=slug) for slug in places.tag_slugs)
    listings.update(path_reverse("news:author", slug=slug) for slug in places.author_slugs)
    for moment in [article.first_published_at, *neighbour_moments(article)]:
        if moment is not None:
            listings |= archive_paths(moment)
    return listings | others, listings


def news_all_paths() -> Paths:
    """Every public page of the site (articles and other pages), tag, author and archive."""
    listings: set[str] = set()
    paths: set[str] = {path_reverse("news:authors")}
    article_type = ContentType.objects.get_for_model(ArticlePage)
    for page in Page.objects.live().public().iterator(chunk_size=2000):
        path = page_path(page)
        if path:
            (paths if page.content_type_id == article_type.pk else listings).add(path)
    listings.update(path_reverse("news:tag", slug=slug) for slug in tag_slugs_used())
    listings.update(path_reverse("news:author", slug=slug) for slug in author_slugs_all())
    for day in ArticlePage.objects.visible().datetimes("first_published_at", "day"):
        listings |= archive_paths(day)
    return paths | listings, listings


def article_paths(article: ArticlePage) -> Paths:
    """(every path showing the article, the listing paths among them), as stored now, in
    every language."""
    places = article_places(article)
    paths, listings = news_article_paths(places)
    for entry in _registry:
        more, more_listings = entry.article_paths(places)
        paths, listings = paths | more, listings | more_listings
    return localized(paths | listings), localized(listings)


def article_purge(article: ArticlePage, *, before: Paths | None = None) -> None:
    """Purge every address showing `article` now (and, if given, before the change)."""
    paths, listings = article_paths(article)
    if before:
        paths, listings = paths | before[0], listings | before[1]
    paths_purge(paths, listings=listings)


def articles_purge(articles) -> None:
    for article in articles:
        article_purge(article)


def site_paths_all() -> Paths:
    """Every public address of the site, for purging a whole CDN."""
    paths, listings = news_all_paths()
    for entry in _registry:
        more, more_listings = entry.all_paths()
        paths, listings = paths | more, listings | more_listings
    return localized(paths | listings), localized(listings)


# Signal handlers ------------------------------------------------------------------------------


def never_breaks_publishing(handler):
    """A purge must never fail an editor's publish: on any error, purge everything instead."""

    @functools.wraps(handler)
    def guarded(*args, **kwargs):
        if purges_are_deferred():
            return None
        try:
            return handler(*args, **kwargs)
        except Exception:
            logger.exception("Working out what to purge failed; purging every page instead.")
            everything_purge()

    return guarded


# Where a live article showed before a publish or move, by page id: Wagtail hands the "after"
# signal a different Python object than the "before" one in some paths, so not an attribute.
_paths_before: dict[int, tuple[set[str], set[str]]] = {}


@never_breaks_publishing
def article_before_save(sender, instance: ArticlePage, **kwargs):
    """Remember where a live article showed before it is republished or unpublished."""
    if not instance.pk:
        return
    stored = ArticlePage.objects.filter(pk=instance.pk).values("live", "live_revision_id").first()
    changing = (
        stored
        and stored["live"]
        and (stored["live_revision_id"] != instance.live_revision_id or not instance.live)
    )
    if changing:
        _paths_before[instance.pk] = article_paths(ArticlePage.objects.get(pk=instance.pk))


@never_breaks_publishing
def page_changed(sender, instance, **kwargs):
    """Published or unpublished: purge an article's addresses, or everything for other pages."""
    page = instance.specific
    if isinstance(page, ArticlePage):
        article_purge(page, before=_paths_before.pop(page.pk, None))
    else:
        everything_purge()


@never_breaks_publishing
def page_before_move(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, ArticlePage) and page.live:
        _paths_before[page.pk] = article_paths(page)


@never_breaks_publishing
def page_moved(sender, instance, **kwargs):
    if issubclass(instance.specific_class, ArticlePage):
        page = ArticlePage.objects.get(pk=instance.pk)  # with its new address
        before = _paths_before.pop(page.pk, None)
        if page.live:
            article_purge(page, before=before)
    else:
        everything_purge()


@never_breaks_publishing
def page_before_delete(sender, instance, **kwargs):
    # Deleting a live page is rare (unpublishing is the newsroom's way), and deleting a section
    # takes every article under it along: one purge of everything covers all of it.
    if isinstance(instance, Page) and instance.live:
        everything_purge()


def signals_connect() -> None:
    pre_save.connect(article_before_save, sender=ArticlePage, dispatch_uid="kabar-purge-pre")
    page_published.connect(page_changed, dispatch_uid="kabar-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="kabar-purge-unpublished")
    pre_page_move.connect(page_before_move, dispatch_uid="kabar-purge-pre-move")
    post_page_move.connect(page_moved, dispatch_uid="kabar-purge-moved")
    pre_delete.connect(page_before_delete, dispatch_uid="kabar-purge-delete")
    for model in (Author, Tag):
        # An author's or a tag's name shows on cards everywhere; such edits are rare.
        post_save.connect(everything_purge, sender=model, dispatch_uid=f"kabar-purge-{model}")
