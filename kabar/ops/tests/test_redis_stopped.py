"""Redis stopped under `manage.py serve` and load, for real: every page keeps answering (from
the database, uncached), the log gets a line for the outage rather than a traceback per
request, and the page cache is back by itself when Redis is."""

import json
import shutil
import threading
import time
from collections import Counter

import pytest
import requests

from kabar.pagecache.tests.own_redis import OwnRedis

from .servers import manage_shell, port_free, server_env, server_kill
from .servers import server_start as serve

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]

OUTAGE_SECONDS = 10
READERS = 8


@pytest.fixture
def redis_server():
    server = OwnRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def hot_story_cached(url: str) -> None:
    # The first view makes the images' renditions, whose saving purges the story once.
    for _attempt in range(10):
        if requests.get(url, timeout=30).headers.get("X-Cache") == "HIT":
            return
    pytest.fail(f"{url} never came from the page cache")


def readers_load(
    urls: list[str], stop: threading.Event, answers: Counter
) -> list[threading.Thread]:
    """READERS threads reading `urls` round and round until `stop`; statuses into `answers`."""
    lock = threading.Lock()

    def reader(n: int):
        session = requests.Session()
        turn = n
        while not stop.is_set():
            try:
                status = session.get(urls[turn % len(urls)], timeout=30).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            with lock:
                answers[status] += 1
            turn += 1

    threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(READERS)]
    for thread in threads:
        thread.start()
    return threads


def test_stopped_redis_leaves_every_page_answering_and_the_cache_comes_back(redis_server, tmp_path):
    env = server_env(tmp_path, port_free()) | {
        "REDIS_URL": f"redis://127.0.0.1:{redis_server.port}/0"
    }
    server = serve(env, tmp_path)
    try:
        story_path, section_path = json.loads(
            manage_shell(
                server,
                "import json; from kabar.news.models import ArticlePage; "
                "a = ArticlePage.objects.visible().order_by('pk').first(); "
                "print(json.dumps([a.url, a.get_parent().url]))",
            )
        )
        base = server.url.rstrip("/")
        story = base + story_path
        hot_story_cached(story)
        urls = [story, base + section_path, f"{base}/", f"{base}/cari/?q=banjir", f"{base}/feed/"]
        before = len(server.output)

        stop, answers = threading.Event(), Counter()
        threads = readers_load(urls, stop, answers)
        time.sleep(2)
        redis_server.stop()
        time.sleep(OUTAGE_SECONDS)
        during = Counter(answers)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        assert sum(during.values()) > 50, during
        assert set(answers) == {200}, answers
        outage_log = server.output[before:]
        assert outage_log.count("Traceback") < 10, outage_log[-5000:]
        assert "Cache unavailable" in outage_log

        redis_server.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if requests.get(story, timeout=30).headers.get("X-Cache") == "HIT":
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the page cache did not come back:\n{server.output[-3000:]}")
        assert server.process.poll() is None
    finally:
        server_kill(server)
