from django_tasks import task
from wagtail.search import index

from kabar.news.models import ArticlePage

from .models import RelatedArticle


@task()
def author_articles_reindex(author_id: int) -> int:
    """Refresh the index entries of every article crediting the author; returns how many."""
    articles = (
        ArticlePage.objects.filter(authorships__author_id=author_id)
        .distinct()
        .prefetch_related("tags", "authorships__author")
    )
    count = 0
    for article in articles.iterator(chunk_size=200):
        index.insert_or_update_object(article)
        count += 1
    return count


@task()
def related_articles_refresh(article_id: int) -> int:
    """Work out the published article's related stories, then those of the stories it lists,
    so that older stories pick up a new follow-up; purge each page whose list changed.
    Returns how many lists changed."""
    from kabar.news.invalidation import page_path
    from kabar.pagecache.purge import localized, paths_purge

    from .related import related_refresh

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    changed = [article] if related_refresh(article) else []
    neighbours = ArticlePage.objects.visible().filter(
        pk__in=RelatedArticle.objects.filter(article=article).values("related")
    )
    changed += [neighbour for neighbour in neighbours if related_refresh(neighbour)]
    paths = {path for path in map(page_path, changed) if path}
    if paths:
        paths_purge(localized(paths))
    return len(changed)
