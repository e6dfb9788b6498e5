"""Which addresses show an article, and purging them whenever it changes.

An article appears on its own page, the home page, the listings of its sections (and their
parents), tags and authors, the date archives (and their neighbours' "earlier/later" links),
the feeds, the sitemaps, and its comments feed. Publishing, unpublishing, editing, moving or
deleting it purges all of those, both as they were before the change and after, so that a
removed tag's page forgets the story too. Changes to anything many pages show (a section's
title, an author's name, the menu) purge everything.
"""

import functools
import logging
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


def _reverse(name: str, **kwargs) -> str:
    # Always the unprefixed default-language address; `localized` adds the others.
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs)


def page_path(page) -> str | None:
    url = page.get_url()
    return urlsplit(url).path if url else None


def archive_paths(moment) -> set[str]:
    local = timezone.localtime(moment)
    year, month, day = f"{local.year:04d}", f"{local.month:02d}", f"{local.day:02d}"
    return {
        _reverse("news:archive_year", year=year),
        _reverse("news:archive_month", year=year, month=month),
        _reverse("news:archive_day", year=year, month=month, day=day),
    }


def feed_paths(kind: str = "", key: str = "") -> set[str]:
    if not kind:
        return {_reverse("seo:rss"), _reverse("seo:atom")}
    return {_reverse(f"seo:{kind}_rss", key=key), _reverse(f"seo:{kind}_atom", key=key)}


def sitemap_paths() -> set[str]:
    from kabar.seo.sitemaps import SITEMAPS

    paths = {_reverse("seo:sitemap_index"), _reverse("seo:news_sitemap")}
    paths.update(_reverse("seo:sitemap", section=name) for name in SITEMAPS)
    return paths


def neighbour_moments(article: ArticlePage) -> list:
    """The nearest earlier and later stories' times: their archives link to this one's day."""
    moment = article.first_published_at
    if moment is None:
        return []
    others = ArticlePage.objects.live().public().exclude(pk=article.pk)
    return [m for m in moments_around(others, before=moment, since=moment) if m is not None]


def article_paths(article: ArticlePage) -> tuple[set[str], set[str]]:
    """(every path showing the article, the listing paths among them), as stored now."""
    listings: set[str] = set()
    others: set[str] = set(feed_paths()) | sitemap_paths()

    own = page_path(article)
    if own:
        others.add(own)
    try:
        site = article.get_site()
    except Site.DoesNotExist:  # Wagtail's cached site paths outlived the site
        site = None
    if site is not None:
        home = page_path(site.root_page)
        if home:
            listings.add(home)
        root_path = site.root_page.url_path

    sections = list(article.get_ancestors().type(SectionPage).specific())
    sections += list(article.secondary_sections.all())
    for section in sections:
        path = page_path(section)
        if path:
            listings.add(path)
        if site is not None and section.url_path.startswith(root_path):
            others |= feed_paths("section", section.url_path[len(root_path) :].strip("/"))

    for tag in article.tags.all():
        listings.add(_reverse("news:tag", slug=tag.slug))
        others |= feed_paths("tag", tag.slug)

    others.add(_reverse("news:authors"))
    for credit in article.authorships.select_related("author"):
        listings.add(_reverse("news:author", slug=credit.author.slug))
        others |= feed_paths("author", credit.author.slug)

    for moment in [article.first_published_at, *neighbour_moments(article)]:
        if moment is not None:
            listings |= archive_paths(moment)

    if article.pk:
        others.add(_reverse("comments:feed"))
        others.add(_reverse("comments:article_feed", article_id=article.pk))
    return localized(listings | others), localized(listings)


def article_purge(article: ArticlePage, *, before: tuple[set, set] | None = None) -> None:
    """Purge every address showing `article` now (and, if given, before the change)."""
    paths, listings = article_paths(article)
    if before:
        paths, listings = paths | before[0], listings | before[1]
    paths_purge(paths, listings=listings)


def articles_purge(articles) -> None:
    for article in articles:
        article_purge(article)


def site_paths_all() -> tuple[set[str], set[str]]:
    """Every public address of the site, for purging a whole CDN."""
    listings: set[str] = set()
    paths: set[str] = set(feed_paths()) | sitemap_paths() | {_reverse("news:authors")}
    article_type = ContentType.objects.get_for_model(ArticlePage)
    for page in Page.objects.live().public().iterator(chunk_size=2000):
        path = page_path(page)
        if path:
            (paths if page.content_type_id == article_type.pk else listings).add(path)
    tags = Tag.objects.filter(news_articletag_items__isnull=False).distinct()
    for slug in tags.values_list("slug", flat=True):
        listings.add(_reverse("news:tag", slug=slug))
        paths |= feed_paths("tag", slug)
    for slug in Author.objects.values_list("slug", flat=True):
        listings.add(_reverse("news:author", slug=slug))
        paths |= feed_paths("author", slug)
    for day in ArticlePage.objects.live().public().datetimes("first_published_at", "day"):
        listings |= archive_paths(day)
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
