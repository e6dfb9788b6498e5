"""Sitemaps: articles, sections, tags, authors and other pages, plus Google News."""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from kabar.core.addresses import absolute_url, url_rebase
from kabar.core.models import SiteSettings
from kabar.news.models import ArticlePage, SectionPage

from . import selectors

# The sitemaps protocol allows 50,000 URLs (and 50 MB) per file; a page of articles with
# their image entries stays far below 50 MB at this many URLs.
PROTOCOL_MAX_URLS = 50_000
DEFAULT_PAGE_SIZE = 10_000


def sitemap_page_size() -> int:
    """URLs per sitemap page: the SEO_SITEMAP_PAGE_SIZE setting, within the protocol's limit."""
    size = int(getattr(settings, "SEO_SITEMAP_PAGE_SIZE", DEFAULT_PAGE_SIZE))
    return max(1, min(size, PROTOCOL_MAX_URLS))


def latest(*moments):
    found = [m for m in moments if m]
    return max(found) if found else None


class KabarSitemap(Sitemap):
    """A Wagtail sitemap whose entries come from `item_urls()`, paged by the site setting."""

    @property
    def limit(self):
        return sitemap_page_size()

    @property
    def site(self):
        return self.get_wagtail_site()

    def item_urls(self, item) -> list[dict]:
        urls = item.get_sitemap_urls(self.request)
        for url in urls:
            url["location"] = url_rebase(self.request, url["location"], site=self.site)
        return urls

    def _urls(self, page, protocol, domain):
        urls = [
            url for item in self.paginator.page(page).object_list for url in self.item_urls(item)
        ]
        lastmods = [url.get("lastmod") for url in urls]
        if urls and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def article_images(request, article) -> list[str]:
    """The article's photos for the image sitemap extension: its featured image."""
    if article.featured_image is None:
        return []
    return [absolute_url(request, article.featured_image.file.url)]


class ArticleSitemap(KabarSitemap):
    def items(self):
        return selectors.sitemap_articles(self.site)

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("last_published_at"))["newest"]

    def item_urls(self, article):
        urls = super().item_urls(article)
        for url in urls:
            url["images"] = article_images(self.request, article)
        return urls


class PageSitemap(KabarSitemap):
    """Sections (or every other kind of page): fresh whenever an article under them is."""

    page_types = (SectionPage,)
    exclude = False

    def items(self):
        return selectors.sitemap_pages(self.site, self.page_types, exclude=self.exclude)

    def get_latest_lastmod(self):
        found = self.items().aggregate(own=Max("last_published_at"), new=Max("newest_article"))
        return latest(found["own"], found["new"])

    def item_urls(self, page):
        urls = super().item_urls(page)
        for url in urls:
            url["lastmod"] = latest(url.get("lastmod"), page.newest_article)
        return urls


class OtherPageSitemap(PageSitemap):
    page_types = (SectionPage, ArticlePage)
    exclude = True


class ListingSitemap(KabarSitemap):
    """Tag or author pages, from (slug, lastmod) rows."""

    url_name = ""
    slug_field = ""

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("lastmod"))["newest"]

    def item_urls(self, row):
        path = reverse(self.url_name, kwargs={"slug": row[self.slug_field]})
        return [{"location": absolute_url(self.request, path), "lastmod": row["lastmod"]}]


class TagSitemap(ListingSitemap):
    url_name, slug_field = "news:tag", "tag__slug"

    def items(self):
        return selectors.sitemap_tags(self.site)


class AuthorSitemap(ListingSitemap):
    url_name, slug_field = "news:author", "author__slug"

    def items(self):
        return selectors.sitemap_authors(self.site)


class GoogleNewsSitemap(KabarSitemap):
    """Articles of the last 48 hours with Google News' publication, date and title."""

    limit = selectors.NEWS_SITEMAP_LIMIT

    def items(self):
        return selectors.news_sitemap_articles(self.site)

    def item_urls(self, article):
        name = SiteSettings.for_request(self.request).site_name
        urls = super().item_urls(article)
        for url in urls:
            url["news"] = {
                "publication": name,
                "language": settings.LANGUAGE_CODE.split("-")[0],
                "published": article.first_published_at,
                "title": article.title,
                "keywords": ", ".join(t.tag.name for t in article.tagged_items.all()),
            }
            url["images"] = article_images(self.request, article)
        return urls

    def _urls(self, page, protocol, domain):
        # The schema wants at least one <url>: with no story in the last 48 hours, the front
        # page stands in (without a news:news entry, so Google News takes nothing from it).
        return super()._urls(page, protocol, domain) or [
            {"location": absolute_url(self.request, "/")}
        ]


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": PageSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": OtherPageSitemap,
}
