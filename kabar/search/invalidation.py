"""Pages showing an article among their "Berita terkait": the articles that list it."""

from kabar.news.invalidation import ArticlePlaces, Paths, page_path
from kabar.news.models import ArticlePage

from .related import articles_listing


def related_listing_paths(places: ArticlePlaces) -> Paths:
    listing = ArticlePage.objects.filter(pk__in=articles_listing(places.article.pk))
    return {path for path in map(page_path, listing) if path}, set()


def related_listing_all_paths() -> Paths:
    return set(), set()  # article pages: news purges them all already
