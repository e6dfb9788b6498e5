from django_tasks import task
from wagtail.search import index

from kabar.news.models import ArticlePage


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
