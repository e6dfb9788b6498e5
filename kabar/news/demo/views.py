"""A week of readers for the demo newsroom, so "Terpopuler" is filled on the first run."""

import datetime
import random

from django.utils import timezone

from kabar.news.models import ArticlePage, ArticleViews
from kabar.news.view_counts import hour_of

WEEK_HOURS = 24 * 7
# Every third hour of the week has readers; enough for both lists, a few thousand rows at most.
STEP_HOURS = 3


def demo_views_create(*, now: datetime.datetime | None = None) -> int:
    """Hourly views for every live demo story over the last week; the rows created.

    The same each run (a fixed seed): some stories are much more read than others, and the
    last day's order differs from the week's, as on a real site.
    """
    this_hour = hour_of(now or timezone.now())
    rng = random.Random(17)
    rows = []
    for pk in ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True):
        popularity = rng.choice([5, 10, 20, 40, 80, 160])
        recent = rng.random() < 0.4  # news of the day: read mostly in the last 24 hours
        for hours_ago in range(0, WEEK_HOURS, STEP_HOURS):
            weight = popularity * (3 if recent and hours_ago < 24 else 1)
            if not recent or hours_ago < 48:
                views = rng.randint(weight // 2, weight)
                hour = this_hour - datetime.timedelta(hours=hours_ago)
                rows.append(ArticleViews(article_id=pk, hour=hour, views=views))
    ArticleViews.objects.bulk_create(rows, batch_size=500)
    return len(rows)
