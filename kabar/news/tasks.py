"""Slow side effects of news changes, run by the task worker."""

from django_tasks import task
from wagtail.search import index

from .models import ArticlePage


@task()
def articles_reindex(article_ids: list[int]) -> int:
    """Refresh the search entries of these articles (after their tags changed); returns how
    many."""
    articles = ArticlePage.objects.filter(pk__in=article_ids).prefetch_related(
        "tags", "authorships__author"
    )
    count = 0
    for article in articles.iterator(chunk_size=200):
        index.insert_or_update_object(article)
        count += 1
    return count
