"""The public log's addresses, purged with every story it shows (see kabar.news.invalidation)."""

from .models import Correction
from .selectors import log_paths


def article_paths(places) -> tuple[set[str], set[str]]:
    """The log and its feeds when they show this story: it carries a note or was withdrawn."""
    article = places.article
    shown = article.withdrawn_at is not None or (
        article.pk and Correction.objects.filter(article_id=article.pk).exists()
    )
    if not shown:
        return set(), set()
    return log_paths(), log_paths()


def all_paths() -> tuple[set[str], set[str]]:
    return log_paths(), log_paths()
