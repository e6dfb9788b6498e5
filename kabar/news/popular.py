"""The most-read lists ("Terpopuler"): a site's or a section's most viewed stories over the
last 24 hours and the last 7 days, from the hourly rows `views_flush` fills.

The ranking (ids only) is kept in the default cache for a minute, so the many pages rebuilt
after a purge share one aggregate query; a page showing the lists is kept by the page cache and
a CDN at most MOST_READ_REFRESH_SECONDS, after which it is rebuilt with the new ranking.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone
from wagtail.models import Page

from kabar.pagecache.headers import fresh_until_limit

from .models import ArticlePage, ArticleViews, SectionPage
from .view_counts import hour_of

MOST_READ_COUNT = 5
WINDOWS = {"day": 24, "week": 24 * 7}
RANKING_SECONDS = 60


def most_read_ids(*, root: Page, section: SectionPage | None, hours: int, now=None) -> list[int]:
    """The ids of the most viewed visible articles under `root` (or in `section`), most first."""
    since = hour_of(now or timezone.now()) - datetime.timedelta(hours=hours - 1)
    articles = ArticlePage.objects.visible()
    articles = articles.in_section(section) if section else articles.descendant_of(root)
    ranking = (
        ArticleViews.objects.filter(hour__gte=since, article__in=articles.order_by().values("pk"))
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")
    )
    return [row["article_id"] for row in ranking[:MOST_READ_COUNT]]


def most_read(*, root: Page, section: SectionPage | None = None, request=None) -> dict:
    """{"day": [articles], "week": [articles]}; the page showing them refreshes in time."""
    now = timezone.now()
    key = f"most-read:{root.pk}:{section.pk if section else 0}:{hour_of(now):%Y%m%d%H}"
    ranking = cache.get(key)
    if ranking is None:
        ranking = {
            name: most_read_ids(root=root, section=section, hours=hours, now=now)
            for name, hours in WINDOWS.items()
        }
        cache.set(key, ranking, RANKING_SECONDS)
    wanted = {pk for ids in ranking.values() for pk in ids}
    found = {a.pk: a for a in ArticlePage.objects.visible().filter(pk__in=wanted)} if wanted else {}
    lists = {name: [found[pk] for pk in ids if pk in found] for name, ids in ranking.items()}
    if request is not None:
        most_read_refresh_limit(request)
    return lists


def most_read_refresh_limit(request) -> int:
    """Let no shared cache keep the page showing the lists past their refresh; returns how
    long the lists, rendered, may be kept in a process (as long as the ranking is)."""
    if settings.MOST_READ_REFRESH_SECONDS < settings.PAGE_CACHE_SECONDS:
        fresh_until_limit(request, time.time() + settings.MOST_READ_REFRESH_SECONDS)
    return RANKING_SECONDS


def most_read_since(*, since: datetime.datetime, count: int = 20) -> list[ArticlePage]:
    """For the admin: the most viewed live articles since `since`, each with `views` (in that
    time) and `views_total` (ever)."""
    ranking = list(
        ArticleViews.objects.filter(hour__gte=hour_of(since), article__live=True)
        .values("article_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "-article_id")[:count]
    )
    ids = [row["article_id"] for row in ranking]
    totals = dict(
        ArticleViews.objects.filter(article_id__in=ids)
        .values("article_id")
        .annotate(total=Sum("views"))
        .values_list("article_id", "total")
    )
    articles = ArticlePage.objects.filter(pk__in=ids).defer_streamfields().in_bulk()
    result = []
    for row in ranking:
        article = articles[row["article_id"]]
        article.views, article.views_total = row["views"], totals[article.pk]
        result.append(article)
    return result


def article_views_summary(article: ArticlePage, *, now=None) -> dict[str, int]:
    """The article's views over the last 24 hours, the last 7 days and ever, in one query."""
    this_hour = hour_of(now or timezone.now())
    day = this_hour - datetime.timedelta(hours=WINDOWS["day"] - 1)
    week = this_hour - datetime.timedelta(hours=WINDOWS["week"] - 1)
    totals = ArticleViews.objects.filter(article_id=article.pk).aggregate(
        day=Sum("views", filter=Q(hour__gte=day), default=0),
        week=Sum("views", filter=Q(hour__gte=week), default=0),
        ever=Sum("views", default=0),
    )
    return totals
