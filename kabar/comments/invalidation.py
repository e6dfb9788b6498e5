"""The comments feeds and page that show an article, for kabar.news.invalidation to purge.

Registered in CommentsConfig.ready(). The comment counts on cards need nothing here: they are
on the news listings, which news purges itself.
"""

from kabar.news.invalidation import ArticlePlaces, Paths, path_reverse


def article_paths(places: ArticlePlaces) -> Paths:
    paths = {path_reverse("comments:feed")}
    if places.article.pk:
        paths.add(path_reverse("comments:article_feed", article_id=places.article.pk))
        paths.add(path_reverse("comments:page", article_id=places.article.pk))
    return paths, set()


def all_paths() -> Paths:
    return {path_reverse("comments:feed")}, set()
