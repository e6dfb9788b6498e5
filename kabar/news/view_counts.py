"""Counting article views without cookies and without a database write per view.

The article page asks for `/_/baca/<id>/` with `navigator.sendBeacon` once it is shown, so a
copy from the page cache or a CDN counts exactly as a freshly rendered one. The endpoint reads
nothing (no session, no site): it drops bots by their User-Agent and readers who send too many
beacons, and adds one to a counter in its process's memory. Every VIEW_BUFFER_SECONDS each
process hands its counters to the shared cache as one numbered batch; the scheduler's
`views_flush` adds the batches to the hourly rows of `ArticleViews`, keeping only ids of live
articles. A view costs no query, and at most one cache write per process every few seconds.

A batch is read one scheduler round after the round that first saw its number, so a batch
numbered but not yet written (a few microseconds) is never skipped. Losing the cache (a Redis
restart) loses the counts not yet flushed, never more; the counter starting again from zero is
noticed and followed.
"""

import datetime
import logging
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from kabar.core.addresses import client_ip

from .models import ArticlePage, ArticleViews

logger = logging.getLogger(__name__)

# Crawlers, link previews (WhatsApp, Telegram, Facebook), monitors, headless browsers and
# scripts: none of them is a reader. Real browsers' User-Agents contain none of these words.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|whatsapp|telegram|"
    r"headless|lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|go-http|okhttp|"
    r"httpclient|scrapy|feedfetch",
    re.IGNORECASE,
)
COUNTER_KEY = "views:batches"
STATE_KEY = "views:flushed"
# Batches wait at most this long for the scheduler; the counter and the state never expire.
BATCH_SECONDS = 2 * 24 * 3600
# Distinct (hour, article) pairs one process holds before it hands them over anyway: random
# ids sent by a script must not grow a process.
BUFFER_MAX_KEYS = 5000
# Batches one flush reads at most (after a long outage the rest waits for the next rounds).
FLUSH_MAX_BATCHES = 2000


def shared_cache():
    return caches[settings.SHARED_CACHE_ALIAS]


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def hour_of(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


class PerAddressLimit:
    """At most `limit` views per client address per minute, in this process: loose on purpose
    (a newsroom behind one address reads a lot), enough to stop one script inflating a story."""

    def __init__(self):
        self.window = 0
        self.counts: Counter = Counter()
        self.lock = threading.Lock()

    def allows(self, address: str | None) -> bool:
        window = int(time.time() // 60)
        with self.lock:
            if window != self.window:
                self.window, self.counts = window, Counter()
            self.counts[address] += 1
            return self.counts[address] <= settings.VIEW_BEACON_PER_MINUTE


class ViewBuffer:
    """This process's views not yet handed to the shared cache."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.since = time.monotonic()
        self.lock = threading.Lock()

    def add(self, key: str) -> Counter | None:
        """Count one view; the counts to hand over when they are due, taken out of the buffer."""
        with self.lock:
            self.counts[key] += 1
            due = time.monotonic() - self.since >= settings.VIEW_BUFFER_SECONDS
            if not due and len(self.counts) < BUFFER_MAX_KEYS:
                return None
            counts, self.counts, self.since = self.counts, Counter(), time.monotonic()
            return counts


per_address = PerAddressLimit()
buffer = ViewBuffer()


def batch_key(number: int) -> str:
    return f"views:batch:{number}"


def batch_number_next(cache) -> int:
    cache.add(COUNTER_KEY, 0, timeout=None)
    number = cache.incr(COUNTER_KEY)
    # Some backends' incr (the database cache) writes the value back with the default timeout.
    cache.touch(COUNTER_KEY, None)
    return number


def batch_write(counts: Counter) -> None:
    """Put the counts in the shared cache under a number of their own."""
    cache = shared_cache()
    payload = dict(counts)
    # `add` fails if another process took the same number (incr is not atomic everywhere).
    for _attempt in range(5):
        if cache.add(batch_key(batch_number_next(cache)), payload, timeout=BATCH_SECONDS):
            return
    logger.warning("Could not store %d view counts: no free batch number.", len(payload))


def view_count(request, *, article_id: int, now: datetime.datetime | None = None) -> bool:
    """Count one reader's view of the article; False for bots and readers over the limit."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    if not per_address.allows(client_ip(request)):
        return False
    hour = hour_of(now or timezone.now())
    due = buffer.add(f"{int(hour.timestamp())}:{article_id}")
    if due:
        try:
            batch_write(due)
        except Exception:
            # A beacon never fails for the reader; the cache being away costs these counts.
            logger.warning("Could not store %d view counts.", len(due), exc_info=True)
    return True


def views_record(counts: Counter) -> int:
    """Add "hour:article" counts to the hourly rows, for live articles only; views recorded."""
    parsed: Counter = Counter()
    for key, views in counts.items():
        stamp, article_id = key.split(":")
        hour = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)
        parsed[(hour, int(article_id))] += int(views)
    ids = {article_id for _hour, article_id in parsed}
    real = set(ArticlePage.objects.live().filter(pk__in=ids).values_list("pk", flat=True))
    parsed = Counter({key: n for key, n in parsed.items() if key[1] in real})
    if not parsed:
        return 0
    with transaction.atomic():
        rows = ArticleViews.objects.filter(
            article_id__in=real, hour__in={hour for hour, _id in parsed}
        )
        existing = {(row.hour, row.article_id): row for row in rows}
        changed, new = [], []
        for (hour, article_id), views in parsed.items():
            row = existing.get((hour, article_id))
            if row is None:
                new.append(ArticleViews(article_id=article_id, hour=hour, views=views))
            else:
                row.views += views
                changed.append(row)
        ArticleViews.objects.bulk_update(changed, ["views"])
        ArticleViews.objects.bulk_create(new)
    return sum(parsed.values())


def views_flush(*, wait_one_round: bool = True) -> int:
    """Move the counted views from the shared cache into the hourly rows; views recorded.

    With `wait_one_round`, only the batches numbered by the previous call are read.
    """
    cache = shared_cache()
    current = cache.get(COUNTER_KEY) or 0
    done, seen = cache.get(STATE_KEY) or (0, 0)
    if current < done:
        # The cache was emptied: numbering started again.
        done = seen = 0
    done = max(done, current - FLUSH_MAX_BATCHES)
    upto = min(seen if wait_one_round else current, done + FLUSH_MAX_BATCHES)
    keys = [batch_key(number) for number in range(done + 1, upto + 1)]
    batches = cache.get_many(keys) if keys else {}
    total: Counter = Counter()
    for counts in batches.values():
        total.update(counts)
    recorded = views_record(total)
    if batches:
        cache.delete_many(list(batches))
    cache.set(STATE_KEY, (max(done, upto), current), timeout=None)
    return recorded
