"""The database server stopped under `manage.py serve` (what `make run` starts), for real: the
site keeps answering, refuses what it cannot do without losing the reader's text, and comes
back by itself when the database does, with no restart."""

import json
import re
import time

import pytest
import requests

from .servers import (
    OwnPostgres,
    alive,
    cmdline,
    descendants,
    manage_shell,
    port_free,
    server_env,
    server_kill,
)
from .servers import server_start as serve

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not OwnPostgres.available(), reason="PostgreSQL server programs missing"),
]

COMMENT_TEXT = "Komentar saat basis data mati, jangan sampai hilang."


@pytest.fixture
def postgres():
    database = OwnPostgres()
    database.init()
    yield database
    database.remove()


def readiness(url: str) -> dict:
    return requests.get(f"{url}readyz", timeout=30).json()["checks"]


def last_seen(check: dict) -> float:
    found = re.search(r"last seen (\d+) s ago", check["detail"])
    return float(found.group(1)) if found else float("inf")


def test_stopped_database_degrades_the_site_and_it_recovers_without_a_restart(postgres, tmp_path):
    env = server_env(tmp_path, port_free()) | {"DATABASE_URL": postgres.url}
    server = serve(env, tmp_path)
    try:
        story = json.loads(
            manage_shell(
                server,
                "import json; from kabar.news.models import ArticlePage; "
                "a = ArticlePage.objects.visible().order_by('pk').first(); "
                "print(json.dumps([a.pk, a.url]))",
            )
        )
        article_id, article_path = story
        article_url = server.url.rstrip("/") + article_path
        # The first view makes the images' renditions, whose saving purges the story once.
        for _attempt in range(10):
            if requests.get(article_url, timeout=30).headers["X-Cache"] == "HIT":
                break
        else:
            pytest.fail("the story never came from the page cache")
        children = sorted(descendants(server.process.pid))
        cmdlines = {pid: cmdline(pid).replace(b"\0", b" ").decode() for pid in children}

        postgres.stop()
        stopped_at = time.monotonic()

        # What the page cache holds is still served.
        cached = requests.get(article_url, timeout=30)
        assert (cached.status_code, cached.headers["X-Cache"]) == (200, "HIT")
        # The rest answers 503 in the site's words, with when to come back.
        search = requests.get(f"{server.url}cari/?q=banjir", timeout=30)
        assert search.status_code == 503 and search.headers["Retry-After"] == "30"
        assert "Kami segera kembali" in search.text
        assert requests.get(f"{server.url}readyz", timeout=30).status_code == 503
        # A comment is refused with its text handed back, ready to send again.
        refused = requests.post(
            f"{server.url}komentar/kirim/",
            data={
                "article": article_id,
                "body": COMMENT_TEXT,
                "name": "Sari",
                "email": "sari@contoh.id",
                "started": "x",
            },  # fmt: skip
            timeout=30,
        )
        assert refused.status_code == 503
        assert COMMENT_TEXT in refused.text and "Komentar Anda belum tersimpan" in refused.text

        time.sleep(5)  # the worker and the scheduler meet the outage
        assert server.process.poll() is None, server.output[-3000:]
        stopped = [cmdlines[pid] for pid in children if not alive(pid)]
        assert not stopped, f"stopped during the outage: {stopped}\n{server.output[-3000:]}"

        postgres.start()
        # Back without a restart: pages render again, and the worker runs tasks again (its
        # heartbeat, a task the scheduler queues, is newer than the outage).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            search = requests.get(f"{server.url}cari/?q=banjir", timeout=30)
            checks = readiness(server.url)
            if search.status_code == 200 and last_seen(checks["worker"]) < (
                time.monotonic() - stopped_at
            ):
                break
            time.sleep(1)
        else:
            pytest.fail(f"not back after the database returned: {checks}\n{server.output[-3000:]}")
        assert checks["database"]["ok"] and checks["scheduler"]["ok"]
        assert server.process.poll() is None
        # Nothing half-written: the refused comment was not stored.
        count = manage_shell(
            server,
            "from kabar.comments.models import ReaderComment; "
            f"print(ReaderComment.objects.filter(body={COMMENT_TEXT!r}).count())",
        )
        assert count == "0"
        # One line per failure at most, not a traceback per request and per poll.
        assert server.output.count("Traceback") < 20, server.output[-5000:]
    finally:
        server_kill(server)
