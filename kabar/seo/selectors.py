"""Reads for feeds and sitemaps: what each one lists, fetched in a fixed number of queries."""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Site

from kabar.core.addresses import absolute_url, page_url
from kabar.core.models import SiteSettings
from kabar.core.sites import site_get
from kabar.news.models import ArticleAuthor, ArticlePage, ArticleTag, Author, SectionPage
from kabar.news.selectors import sections_attach

from .models import FeedSettings

NEWS_SITEMAP_WINDOW = datetime.timedelta(hours=48)
# Google News reads at most 1,000 URLs from one news sitemap.
NEWS_SITEMAP_LIMIT = 1000


@dataclass
class FeedScope:
    """One feed's subject: the whole site, a section, a tag or an author."""

    kind: str
    key: str
    title: str
    description: str
    link: str
    # The site's visible articles narrowed to the subject's.
    narrow: Callable[[QuerySet], QuerySet]
    site: Site
    site_name: str
    settings: FeedSettings
    request: object

    @property
    def articles(self) -> QuerySet:
        """The subject's visible articles, newest first. Built only when the feed is written or
        its state read, both kept until the next purge: building it reads the view
        restrictions (Wagtail's `public()`)."""
        return self.narrow(ArticlePage.objects.visible().descendant_of(self.site.root_page))

    @property
    def parts(self) -> tuple:
        """What the feed's entries and state depend on, besides its address and the articles."""
        return (self.kind, self.key, str(self.settings.content), self.settings.item_count)


def feed_scope_get(*, request, kind: str = "site", key: str = "") -> FeedScope:
    """The feed subject named by the URL; an unknown section, tag or author is a 404."""
    site = site_get(request)
    site_settings = SiteSettings.for_request(request)
    site_name = site_settings.site_name
    scope = {
        "kind": kind,
        "key": key,
        "site": site,
        "site_name": site_name,
        "settings": FeedSettings.for_request(request),
        "request": request,
    }
    if kind == "section":
        section = (
            SectionPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .filter(url_path=f"{site.root_page.url_path}{key.strip('/')}/")
            .first()
        )
        if section is None:
            raise Http404(_("There is no such section."))
        return FeedScope(
            **scope,
            title=f"{section.title} – {site_name}",
            link=page_url(request, section),
            description=section.description
            or _("The latest news in %(section)s from %(site)s.")
            % {"section": section.title, "site": site_name},
            narrow=lambda articles: articles.in_section(section),
        )
    if kind == "tag":
        tag = Tag.objects.filter(slug=key).first()
        if tag is None:
            raise Http404(_("There is no such tag."))
        return FeedScope(
            **scope,
            title=f"{tag.name} – {site_name}",
            link=absolute_url(request, reverse("news:tag", kwargs={"slug": tag.slug})),
            description=_("The latest news tagged %(tag)s from %(site)s.")
            % {"tag": tag.name, "site": site_name},
            # Subqueries rather than joins: one row per article, no DISTINCT needed.
            narrow=lambda articles: articles.filter(
                pk__in=ArticleTag.objects.filter(tag=tag).values("content_object")
            ),
        )
    if kind == "author":
        author = Author.objects.filter(slug=key).first()
        if author is None:
            raise Http404(_("There is no such author."))
        return FeedScope(
            **scope,
            title=f"{author.name} – {site_name}",
            link=absolute_url(request, author.get_absolute_url()),
            description=_("The latest news by %(author)s from %(site)s.")
            % {"author": author.name, "site": site_name},
            narrow=lambda articles: articles.filter(
                pk__in=ArticleAuthor.objects.filter(author=author).values("article")
            ),
        )
    return FeedScope(
        **scope,
        title=site_name,
        link=page_url(request, site.root_page),
        description=site_settings.tagline
        or _("The latest news from %(site)s.") % {"site": site_name},
        narrow=lambda articles: articles,
    )


def feed_state_get(scope: FeedScope) -> tuple[str, datetime.datetime | None]:
    """The feed's ETag and Last-Modified, from the ids and publish times of what it lists."""
    rows = list(scope.articles.values_list("pk", "last_published_at")[: scope.settings.item_count])
    # The ETag changes whenever an article enters, leaves or is republished, and when the
    # feed settings change, so a 304 never hides new content.
    fingerprint = repr((*scope.parts, [(pk, str(when)) for pk, when in rows]))
    etag = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
    published = [when for _pk, when in rows if when]
    return etag, max(published) if published else None


def feed_articles(scope: FeedScope) -> list[ArticlePage]:
    """The feed's articles with their image, byline, tags and section read up front."""
    byline = ArticleAuthor.objects.select_related("author").order_by("sort_order")
    tags = ArticleTag.objects.select_related("tag").order_by("tag__name")
    articles = scope.articles.select_related("featured_image").prefetch_related(
        Prefetch("authorships", queryset=byline), Prefetch("tagged_items", queryset=tags)
    )
    return sections_attach(articles[: scope.settings.item_count])


def sitemap_pages(site: Site, page_types: tuple, exclude: bool = False) -> QuerySet:
    """Live public pages of the site (of `page_types`, or of any other type when `exclude`)."""
    pages = site.root_page.get_descendants(inclusive=True).live().public()
    pages = pages.not_type(*page_types) if exclude else pages.type(*page_types)
    return (
        pages.annotate(
            newest_article=Subquery(
                ArticlePage.objects.visible()
                .filter(path__startswith=OuterRef("path"), depth__gt=OuterRef("depth"))
                .order_by("-last_published_at")
                .values("last_published_at")[:1]
            )
        )
        .defer_streamfields()
        .specific()
        .order_by("path")
    )


def sitemap_articles(site: Site) -> QuerySet:
    """The site's live articles for the sitemap, oldest first so earlier pages stay stable."""
    return (
        ArticlePage.objects.visible()
        .descendant_of(site.root_page)
        .order_by("pk")
        .defer_streamfields()
        .select_related("featured_image")
    )


def sitemap_tags(site: Site) -> QuerySet:
    """Slugs of tags on live articles, each with its newest article's publish time."""
    return (
        ArticleTag.objects.filter(
            content_object__in=ArticlePage.objects.visible()
            .descendant_of(site.root_page)
            .values("pk")
        )
        .values("tag__slug")
        .annotate(lastmod=Max("content_object__last_published_at"))
        .order_by("tag__slug")
    )


def sitemap_authors(site: Site) -> QuerySet:
    """Slugs of authors credited on live articles, each with their newest article's time."""
    return (
        ArticleAuthor.objects.filter(
            article__in=ArticlePage.objects.visible().descendant_of(site.root_page).values("pk")
        )
        .values("author__slug")
        .annotate(lastmod=Max("article__last_published_at"))
        .order_by("author__slug")
    )


def news_sitemap_articles(site: Site) -> QuerySet:
    """Live articles first published in the last 48 hours, newest first; Google News
    takes no paid content, so advertorials stay out."""
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    return (
        ArticlePage.objects.visible()
        .descendant_of(site.root_page)
        .filter(first_published_at__gte=since, sponsored=False)
        .defer_streamfields()
        .select_related("featured_image")
        .prefetch_related(
            Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag"))
        )[:NEWS_SITEMAP_LIMIT]
    )
