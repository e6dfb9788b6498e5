"""The feeds and sitemaps that show an article, for kabar.news.invalidation to purge.

Registered in SeoConfig.ready(): every feed lists the newest articles and every sitemap lists
them all, so a change to an article reaches the site's feeds and the feeds of its sections,
tags and authors, and every sitemap.
"""

from kabar.news.invalidation import (
    ArticlePlaces,
    Paths,
    author_slugs_all,
    path_reverse,
    tag_slugs_used,
)

from .sitemaps import SITEMAPS


def feed_paths(kind: str = "", key: str = "") -> set[str]:
    """The RSS and Atom feed of the site, or of one section, tag or author."""
    if not kind:
        return {path_reverse("seo:rss"), path_reverse("seo:atom")}
    return {path_reverse(f"seo:{kind}_rss", key=key), path_reverse(f"seo:{kind}_atom", key=key)}


def sitemap_paths() -> set[str]:
    paths = {path_reverse("seo:sitemap_index"), path_reverse("seo:news_sitemap")}
    paths.update(path_reverse("seo:sitemap", section=name) for name in SITEMAPS)
    return paths


def article_paths(places: ArticlePlaces) -> Paths:
    paths = feed_paths() | sitemap_paths()
    for key in places.section_keys():
        paths |= feed_paths("section", key)
    for slug in places.tag_slugs:
        paths |= feed_paths("tag", slug)
    for slug in places.author_slugs:
        paths |= feed_paths("author", slug)
    return paths, set()


def all_paths() -> Paths:
    paths = feed_paths() | sitemap_paths()
    for slug in tag_slugs_used():
        paths |= feed_paths("tag", slug)
    for slug in author_slugs_all():
        paths |= feed_paths("author", slug)
    return paths, set()
