"""Most read ("Terpopuler"): views counted by a beacon without cookies or a query per view,
flushed by the scheduler into hourly rows, and listed on the home, section and article pages."""

import datetime
from collections import Counter

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from kabar.news import view_counts
from kabar.news.models import ArticleViews
from kabar.news.popular import most_read_ids
from kabar.news.tests.factories import ArticlePageFactory, SectionPageFactory
from kabar.news.view_counts import views_flush, views_record

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
NOW = datetime.datetime(2024, 10, 29, 3, 20, tzinfo=datetime.UTC)
HOUR = datetime.datetime(2024, 10, 29, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    """Each test starts with nothing counted and no per-address allowance spent."""
    caches[settings.SHARED_CACHE_ALIAS].clear()
    view_counts.per_address.counts.clear()
    view_counts.buffer.counts.clear()
    with freeze_time(NOW, tick=True) as frozen:
        # The frozen clock's monotonic time starts again in each test.
        view_counts.buffer.since = view_counts.time.monotonic()
        yield frozen


def beacon(client, article_id, user_agent=BROWSER, **extra):
    return client.post(f"/_/baca/{article_id}/", HTTP_USER_AGENT=user_agent, **extra)


def views_of(article) -> int:
    return sum(ArticleViews.objects.filter(article=article).values_list("views", flat=True))


def flush_all() -> int:
    return views_flush(wait_one_round=False)


def test_a_beacon_counts_one_view_in_the_hour(client, article):
    response = beacon(client, article.pk)
    assert response.status_code == 204
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    assert flush_all() == 1
    row = ArticleViews.objects.get(article=article)
    assert (row.hour, row.views) == (HOUR, 1)


def test_a_view_costs_no_query(client, article, settings):
    # Between two hand-overs to the shared cache (a database table without Redis), a view
    # touches nothing but this process's memory: no session, no site, no cache, no database.
    settings.VIEW_BUFFER_SECONDS = 10
    view_counts.buffer.since = view_counts.time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        assert beacon(client, article.pk).status_code == 204
    assert [q["sql"] for q in queries.captured_queries] == []


def test_views_counted_by_several_beacons_add_up_in_their_hour(client, article, fresh_counters):
    for _ in range(3):
        beacon(client, article.pk)
    fresh_counters.move_to(NOW + datetime.timedelta(hours=1))
    beacon(client, article.pk)
    flush_all()
    rows = dict(ArticleViews.objects.filter(article=article).values_list("hour", "views"))
    assert rows == {HOUR: 3, HOUR + datetime.timedelta(hours=1): 1}
    beacon(client, article.pk)
    flush_all()
    assert views_of(article) == 5


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "WhatsApp/2.23.20.0",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_bots_and_scripts_are_not_counted(client, article, user_agent):
    assert beacon(client, article.pk, user_agent=user_agent).status_code == 204
    assert flush_all() == 0
    assert not ArticleViews.objects.exists()


def test_only_live_articles_are_counted(client, article, section):
    draft = ArticlePageFactory(parent=section, title="Draf", live=False)
    beacon(client, draft.pk)
    beacon(client, 999_999)
    beacon(client, section.pk)  # a page, but not an article
    beacon(client, article.pk)
    assert flush_all() == 1
    assert list(ArticleViews.objects.values_list("article_id", flat=True)) == [article.pk]


def test_one_address_is_counted_loosely(client, article, settings):
    settings.VIEW_BEACON_PER_MINUTE = 3
    for _ in range(5):
        beacon(client, article.pk, REMOTE_ADDR="203.0.113.9")
    beacon(client, article.pk, REMOTE_ADDR="198.51.100.4")
    flush_all()
    assert views_of(article) == 4


def test_the_beacon_takes_posts_only(client, article):
    assert client.get(f"/_/baca/{article.pk}/").status_code == 405
    assert client.post("/_/baca/abc/").status_code == 404


def test_a_beacon_still_answers_when_the_cache_is_down(client, article, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache away")

    monkeypatch.setattr(caches["shared"], "add", broken)
    monkeypatch.setattr(view_counts, "shared_cache", lambda: caches["shared"])
    assert beacon(client, article.pk).status_code == 204


def test_a_process_hands_its_views_over_only_every_few_seconds(client, article, settings):
    settings.VIEW_BUFFER_SECONDS = 10
    view_counts.buffer.since = view_counts.time.monotonic()
    for _ in range(4):
        beacon(client, article.pk)
    assert flush_all() == 0  # still in this process's memory
    view_counts.buffer.since -= 11
    beacon(client, article.pk)
    assert flush_all() == 5


def test_the_scheduler_reads_a_batch_one_round_after_it_was_numbered(client, article):
    beacon(client, article.pk)
    assert views_flush() == 0  # numbered since the last round: perhaps not written yet
    assert views_flush() == 1
    assert views_flush() == 0  # read once only
    call_command("views_flush")
    assert views_of(article) == 1


def test_an_emptied_cache_restarts_the_numbering_without_losing_new_views(client, article):
    for _ in range(3):
        beacon(client, article.pk)
    flush_all()
    caches["shared"].delete(view_counts.COUNTER_KEY)
    beacon(client, article.pk)
    flush_all()
    assert views_of(article) == 4


def test_views_record_adds_to_existing_hours(article):
    key = f"{int(HOUR.timestamp())}:{article.pk}"
    views_record(Counter({key: 2}))
    views_record(Counter({key: 5}))
    assert ArticleViews.objects.get(article=article).views == 7


@pytest.fixture
def newsroom(home, section):
    """Three stories in Luar Negeri and one in Ekonomi, with views at fixed hours."""
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    stories = {
        name: ArticlePageFactory(parent=parent, title=title)
        for name, parent, title in [
            ("fresh", section, "Gempa di Jepang"),
            ("older", section, "Pemilu di Amerika"),
            ("quiet", section, "Kunjungan ke Tiongkok"),
            ("money", economy, "Rupiah menguat"),
        ]
    }
    hours = {
        # Today: the quake leads; three days ago the election was read much more.
        "fresh": [(HOUR, 40)],
        "older": [(HOUR, 5), (HOUR - datetime.timedelta(days=3), 200)],
        "quiet": [(HOUR - datetime.timedelta(days=9), 900)],  # outside both windows
        "money": [(HOUR - datetime.timedelta(hours=2), 100)],
    }
    for name, rows in hours.items():
        for hour, views in rows:
            ArticleViews.objects.create(article=stories[name], hour=hour, views=views)
    return stories, economy


def test_rankings_per_site_and_section_over_a_day_and_a_week(home, section, newsroom):
    stories, economy = newsroom
    ids = {pk: name for name, story in stories.items() for pk in [story.pk]}

    def names(**kwargs):
        return [ids[pk] for pk in most_read_ids(now=NOW, **kwargs)]

    assert names(root=home, section=None, hours=24) == ["money", "fresh", "older"]
    assert names(root=home, section=None, hours=24 * 7) == ["older", "money", "fresh"]
    assert names(root=section, section=section, hours=24) == ["fresh", "older"]
    assert names(root=economy, section=economy, hours=24 * 7) == ["money"]


def test_unpublished_stories_leave_the_rankings(home, newsroom):
    stories, _economy = newsroom
    stories["money"].unpublish()
    ranked = most_read_ids(root=home, section=None, hours=24, now=NOW)
    assert stories["money"].pk not in ranked


def most_read_block(html: str) -> str:
    start = html.index('class="most-read"')
    return html[start : html.index("</section>", start)]


def test_home_section_and_article_pages_show_the_lists(client, home, section, newsroom):
    stories, _economy = newsroom
    block = most_read_block(client.get("/").content.decode())
    assert "Terpopuler" in block and "24 jam terakhir" in block and "7 hari terakhir" in block
    day, week = block.split("7 hari terakhir")
    assert day.index("Rupiah menguat") < day.index("Gempa di Jepang") < day.index("Pemilu")
    assert week.index("Pemilu di Amerika") < week.index("Rupiah menguat")
    assert "Kunjungan ke Tiongkok" not in block

    section_block = most_read_block(client.get(section.url).content.decode())
    assert "Terpopuler di Luar Negeri" in section_block
    assert "Gempa di Jepang" in section_block and "Rupiah menguat" not in section_block

    article_html = client.get(stories["quiet"].url).content.decode()
    assert "Gempa di Jepang" in most_read_block(article_html)
    assert f'data-beacon="/_/baca/{stories["quiet"].pk}/"' in article_html


def test_no_list_without_views(client, article):
    assert 'class="most-read"' not in client.get("/").content.decode()


def test_pages_with_the_lists_are_rebuilt_in_time(client, home, newsroom, settings, page_cache_on):
    settings.MOST_READ_REFRESH_SECONDS = 120
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 118 <= s_maxage <= 120


def test_a_view_from_a_cached_page_is_counted(client, article, page_cache_on):
    client.get(article.url)
    cached = client.get(article.url)
    assert cached["X-Cache"] == "HIT"
    beacon_path = f"/_/baca/{article.pk}/"
    assert beacon_path.encode() in cached.content
    client.post(beacon_path, HTTP_USER_AGENT=BROWSER)
    flush_all()
    assert views_of(article) == 1


def test_editors_see_the_most_read_stories_of_today_and_the_week(client, editor, newsroom):
    stories, _economy = newsroom
    client.force_login(editor)
    html = client.get("/admin/terpopuler/").content.decode()
    today, week = html.split('id="minggu-ini"')
    # Today (WIB) began at 17:00 UTC yesterday: the money story two hours ago and this hour's.
    assert "Hari ini" in today and "7 hari terakhir" in week
    assert today.index("Rupiah menguat") < today.index("Gempa di Jepang")
    assert "Kunjungan ke Tiongkok" not in html
    row = week[week.index("Pemilu di Amerika") :].split("</tr>")[0]
    assert "<td>205</td>" in row  # this week, and ever


def test_writers_do_not_see_the_report(client, writer, newsroom):
    client.force_login(writer)
    assert client.get("/admin/terpopuler/").status_code in (302, 403)


def test_the_article_editor_shows_its_readers_to_editors(client, editor, newsroom):
    stories, _economy = newsroom
    client.force_login(editor)
    html = client.get(f"/admin/pages/{stories['older'].pk}/edit/").content.decode()
    assert "5 dalam 24 jam terakhir · 205 dalam 7 hari terakhir · 205 seluruhnya" in html
