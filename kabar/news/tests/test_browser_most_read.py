"""In a real Chromium: an article page served from the page cache still counts its view."""

import time

import pytest
from django.core.cache import caches

from kabar.news import view_counts
from kabar.news.models import ArticleViews

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium names itself HeadlessChrome, which the beacon takes for a bot.
READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def views_of(article) -> int:
    return sum(ArticleViews.objects.filter(article=article).values_list("views", flat=True))


def views_counted_within(article, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        view_counts.views_flush(wait_one_round=False)
        if views_of(article):
            break
        time.sleep(0.2)
    return views_of(article)


def test_a_cached_article_page_counts_one_view(
    browser_page, live_server, article, page_cache_on, settings, monkeypatch
):
    caches[settings.SHARED_CACHE_ALIAS].clear()
    # This process's per-address allowance and buffer start afresh: the tests before this one
    # sent their own beacons from the same address within the same minute.
    monkeypatch.setattr(view_counts, "per_address", view_counts.PerAddressLimit())
    monkeypatch.setattr(view_counts, "buffer", view_counts.ViewBuffer())
    page = browser_page
    # The first readers put it in the cache (the very first render of a site also creates its
    # settings records, which purges once).
    for _ in range(2):
        page.request.get(f"{live_server.url}{article.url}")
    page.context.set_extra_http_headers({"User-Agent": READER})
    response = page.goto(f"{live_server.url}{article.url}")
    assert response.headers["x-cache"] == "HIT"
    assert views_counted_within(article, 30) == 1  # generous: a loaded machine is slow
    assert page.context.cookies() == []
