"""Rate limits and single-use form tokens hold across real processes.

gunicorn with four worker processes serves the test run's own database; many posts are fired
at it at once, more than a limit allows, and exactly the limit gets through. With counters in
each process's memory, each worker let the whole limit through again.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from kabar.comments.forms import form_timestamp_issue
from kabar.comments.models import ReaderComment

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
WORKERS = 4
START_TIMEOUT = 120
# Variables that would point the server elsewhere than the test run's database and settings.
INHERITED_OUT = {"DATABASE_URL", "REDIS_URL", "CACHE_TABLE", "DJANGO_SETTINGS_MODULE"}


def port_free() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database, as DATABASE_URL spells it for the server's processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


@pytest.fixture
def server(tmp_path):
    """gunicorn, as `manage.py serve` runs it, with four processes on the test database."""
    port = port_free()
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_OUT}
    env.update(
        DJANGO_SETTINGS_MODULE="kabar.settings.test",
        DATABASE_URL=database_url(),
        SECRET_KEY=settings.SECRET_KEY,
        KABAR_DATA_DIR=str(tmp_path),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY=str(WORKERS),
        GUNICORN_THREADS="2",
        GUNICORN_ACCESS_LOG="",
        # The posts name their reader's address in X-Forwarded-For, as a proxy would.
        COMMENTS_TRUSTED_PROXIES="1",
    )
    # As `manage.py serve` does before gunicorn starts: the server's own cache tables. On the
    # PostgreSQL pass the test process caches in Redis, so its test database has none.
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"], cwd=BASE_DIR, env=env, check=True
    )
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        # --preload: the app is imported once and forked, which starts four workers in a
        # quarter of the time on a small machine; each worker is still a process of its own.
        [sys.executable, "-m", "gunicorn", "-c", "kabar/ops/gunicorn.conf.py", "--preload"],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while len(children(process.pid)) < WORKERS or not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail((tmp_path / "gunicorn.log").read_text()[-5000:])
            time.sleep(0.3)
        yield url
    finally:
        workers = children(process.pid)
        process.send_signal(signal.SIGINT)  # gunicorn: quick shutdown
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in [process.pid, *workers]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            process.wait()
        log.close()


def healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def form_started_60s_ago(article) -> str:
    return form_timestamp_issue(article.pk, started=int(time.time()) - 60)


def posts_at_once(url: str, article, posts: list[dict]) -> list[int]:
    """Send every post at the same moment, each from a browser of its own; their statuses."""
    start = threading.Barrier(len(posts))
    statuses = [0] * len(posts)

    def reader(n: int, post: dict):
        browser = requests.Session()
        # As comments.js does: the live fragment sets the CSRF cookie and hands over a token.
        html = browser.get(f"{url}/komentar/artikel/{article.pk}/", timeout=60).text
        csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        data = {
            "article": article.pk,
            "started": post.get("started") or form_started_60s_ago(article),
            "body": f"Komentar nomor {n} tentang banjir.",
            "name": "Pembaca",
            "email": post["email"],
            "alamat_kantor": "",
            "csrfmiddlewaretoken": csrf,
        }
        headers = {"X-Requested-With": "fetch", "X-Forwarded-For": post["ip"]}
        start.wait()
        statuses[n] = browser.post(
            f"{url}/komentar/kirim/", data=data, headers=headers, timeout=60
        ).status_code

    threads = [threading.Thread(target=reader, args=(n, p)) for n, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_limits_and_form_tokens_hold_across_four_processes(server, article, rules):
    assert (settings.COMMENTS_RATE_LIMIT_EMAIL[0], settings.COMMENTS_RATE_LIMIT_IP[0]) == (5, 10)

    # One email address from 16 addresses: 5 per email.
    one_email = [{"email": "budi@example.id", "ip": f"198.51.100.{n}"} for n in range(16)]
    assert posts_at_once(server, article, one_email) == [201] * 5 + [429] * 11

    # One address, 24 email addresses: 10 per address.
    one_ip = [{"email": f"p{n}@example.id", "ip": "203.0.113.7"} for n in range(24)]
    assert posts_at_once(server, article, one_ip) == [201] * 10 + [429] * 14

    # One form sent 8 times by different readers: once.
    token = form_started_60s_ago(article)
    one_form = [
        {"email": f"q{n}@example.id", "ip": f"192.0.2.{n}", "started": token} for n in range(8)
    ]
    assert posts_at_once(server, article, one_form) == [201] + [409] * 7

    assert ReaderComment.objects.count() == 5 + 10 + 1


def password_resets_at_once(url: str, email: str, count: int) -> list[int]:
    """Ask for `count` password resets for one email at once, each from its own address."""
    start = threading.Barrier(count)
    statuses = [0] * count

    def reader(n: int):
        browser = requests.Session()
        html = browser.get(f"{url}/akun/password/reset/", timeout=60).text
        csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        start.wait()
        statuses[n] = browser.post(
            f"{url}/akun/password/reset/",
            data={"email": email, "csrfmiddlewaretoken": csrf},
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
            allow_redirects=False,
            timeout=60,
        ).status_code

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_reader_account_limits_hold_across_four_processes(server, home):
    # `home`: the refusal page is the site's own page, so the site must exist (an earlier
    # transactional test may have emptied the database).
    # allauth allows 5 password resets a minute per email. Counted in each process's memory,
    # four workers let up to 20 through; in the shared cache, at most 5 (fewer when a request
    # cannot take the counter's lock within allauth's second, which errs on the safe side).
    statuses = password_resets_at_once(server, "pembaca@example.id", 12)
    accepted = statuses.count(302)
    assert 1 <= accepted <= 5, statuses
    assert statuses.count(429) == 12 - accepted, statuses
