"""The benchmark's steps: generate a newsroom, serve it, load each URL, post comments."""

import http.cookies
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from .generate import manifest_path
from .load import WrkResult, beacon_script, comment_post_script, script_write, wrk_run
from .server import BASE_DIR, KabarServer, cpu_ms_per_request

# The comment form refuses posts sent sooner than COMMENTS_MIN_FILL_SECONDS (3) after it was
# handed out; the benchmark waits at least this long after fetching it.
FORM_FILL_SECONDS = 5
# Sequential requests before each measurement: they fill the page cache and wake the workers
# without leaving a queue behind, as a burst from wrk would on a slow page.
WARM_UP_REQUESTS = 3
WARM_UP_SECONDS = 1
MISSING_URL = "/halaman-yang-tidak-ada/"


@dataclass
class Load:
    duration: float
    connections: int
    scripts: Path


def out(text: str = "") -> None:
    """Progress, printed at once."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def newsroom_generate(*, data_dir: Path, articles: int, seed: int) -> dict:
    """Generate the newsroom in a process of its own (its own settings); returns bench.json."""
    command = [sys.executable, "-m", "tools.bench.generate", "--data-dir", str(data_dir)]
    command += ["--articles", str(articles), "--seed", str(seed)]
    subprocess.run(command, cwd=BASE_DIR, check=True)
    return json.loads(manifest_path(data_dir).read_text())


def static_marker_share(*, source: Path, target: Path) -> None:
    """Let a new data directory reuse the static files the first server collected.

    `serve` recollects (half a minute) unless the data directory's fingerprint matches the
    shared STATIC_ROOT; the sources do not change during a run.
    """
    marker = source / "static.fingerprint"
    if marker.exists() and not (target / "static.fingerprint").exists():
        shutil.copy2(marker, target / "static.fingerprint")


def url_get(url: str, *, headers: dict[str, str] | None = None, status: int = 200):
    """GET `url`: (status, headers, body); refuses any status but `status`."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        response = urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        if response.status != status:
            raise RuntimeError(f"{url} answered {response.status}, not {status}")
        return response.status, response.headers, response.read()


def measure(url: str, *, load: Load, server=None, status: int = 200) -> WrkResult:
    """Warm up, then load `url` for the configured duration; a page that fails is an error.

    `server` (Kabar or nginx) is idle when the row starts, and the CPU time all its processes
    spend during the row, per request, goes into the result.
    """
    for _ in range(WARM_UP_REQUESTS):
        url_get(url, status=status)
    if isinstance(server, KabarServer):
        server.idle_wait()
    else:  # nginx: warm its connections up too, nothing is queued there
        wrk_run(url, duration=WARM_UP_SECONDS, connections=load.connections)
    before = server.cpu_ticks() if server is not None else 0
    result = wrk_run(url, duration=load.duration, connections=load.connections)
    if server is not None:
        result.cpu_ms = cpu_ms_per_request(server.cpu_ticks() - before, result.requests)
    result.status_expected = status
    return result


@dataclass
class CommentForm:
    fields: dict[str, str]
    headers: dict[str, str]
    fetched_at: float


def input_value(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*\bname="{name}"[^>]*\bvalue="([^"]*)"', html)
    if found is None:
        raise RuntimeError(f"The comment form has no {name!r} field.")
    return found[1]


def comment_form_fetch(server: KabarServer, newsroom: dict) -> CommentForm:
    """The comment form as comments.js gets it: CSRF cookie and token, signed start time."""
    url = f"{server.url}/komentar/artikel/{newsroom['hot_article_id']}/"
    _status, headers, body = url_get(url)
    cookies = http.cookies.SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        cookies.load(value)
    if "csrftoken" not in cookies:
        raise RuntimeError("The comments section set no CSRF cookie.")
    html = body.decode()
    fields = {
        "article": str(newsroom["hot_article_id"]),
        "started": input_value(html, "started"),
        "csrfmiddlewaretoken": input_value(html, "csrfmiddlewaretoken"),
        "name": newsroom["reader_name"],
        "email": newsroom["reader_email"],
        "alamat_kantor": "",  # the honeypot, left empty as people leave it
    }
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookies['csrftoken'].value}",
        "X-Requested-With": "fetch",
        "Accept": "application/json",
    }
    return CommentForm(fields=fields, headers=headers, fetched_at=time.monotonic())


def comment_counts(data_dir: Path, article_id: int) -> dict[str, int]:
    """The hot article's comments in the database, by status."""
    with sqlite3.connect(f"file:{data_dir / 'db.sqlite3'}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT status, COUNT(*) FROM comments_readercomment WHERE article_id = ? "
            "GROUP BY status",
            (article_id,),
        ).fetchall()
    return dict(rows)


def comment_post_once(url: str, *, form: CommentForm) -> None:
    """Post one comment as the script will; RuntimeError unless it is published (201)."""
    fields = {**form.fields, "body": f"Komentar pertama {uuid.uuid4().hex[:8]} untuk pemanasan."}
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(fields).encode(), headers=form.headers
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    if status != 201:
        raise RuntimeError(f"A comment POST answered {status}, not 201: {body[:500]!r}")


def comment_counts_settled(data_dir: Path, article_id: int, *, timeout: float = 60) -> dict:
    """The counts once the server has finished the posts wrk left in flight when it stopped."""
    counts, deadline = comment_counts(data_dir, article_id), time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(2)
        latest = comment_counts(data_dir, article_id)
        if latest == counts:
            break
        counts = latest
    return counts


def comment_post_measure(
    server: KabarServer, *, form: CommentForm, newsroom: dict, data_dir: Path, load: Load
) -> tuple[WrkResult, dict[str, int]]:
    """Post comments for the configured duration; the result and what reached the database."""
    time.sleep(max(0.0, form.fetched_at + FORM_FILL_SECONDS - time.monotonic()))
    url = f"{server.url}/komentar/kirim/"
    comment_post_once(url, form=form)
    text = comment_post_script(
        form=form.fields, headers=form.headers, nonce=uuid.uuid4().hex[:8], expected_status=201
    )
    script = script_write(text, directory=load.scripts)
    server.idle_wait()
    before = comment_counts(data_dir, newsroom["hot_article_id"])
    result = wrk_run(url, duration=load.duration, connections=load.connections, script=script)
    server.idle_wait()
    after = comment_counts_settled(data_dir, newsroom["hot_article_id"])
    stored = {
        status: after.get(status, 0) - before.get(status, 0)
        for status in sorted(set(before) | set(after))
    }
    return result, stored


# The beacon drops views from bots; the load generator passes for a reader's browser.
READER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
)


def beacon_measure(server: KabarServer, newsroom: dict, *, load: Load) -> WrkResult:
    """Send the hot article's view beacon for the configured duration (each answered 204)."""
    url = f"{server.url}/_/baca/{newsroom['hot_article_id']}/"
    script = script_write(beacon_script(user_agent=READER_USER_AGENT), directory=load.scripts)
    server.idle_wait()
    before = server.cpu_ticks()
    result = wrk_run(url, duration=load.duration, connections=load.connections, script=script)
    result.cpu_ms = cpu_ms_per_request(server.cpu_ticks() - before, result.requests)
    return result


def page_urls(newsroom: dict) -> dict[str, str]:
    """The address of each page the benchmark loads, by name."""
    return {
        "article": newsroom["hot_article_url"],
        "home": newsroom["home_url"],
        "section": newsroom["section_url"],
        "search": newsroom["search_url"],
        "feed": newsroom["feed_url"],
        # What comments.js fetches on every article view: never cached (it sets a CSRF cookie).
        "comments": f"/komentar/artikel/{newsroom['hot_article_id']}/",
        # What live.js asks every 15 s on a live-coverage story: the same for every reader.
        "live": newsroom["live_url"],
        # Another address whose answer is never stored, asked by every connection at once.
        "missing": MISSING_URL,
    }


def pages_measure(server: KabarServer, newsroom: dict, *, load: Load, names: list[str]) -> dict:
    """Load each named page of the newsroom in turn; name → result."""
    urls = page_urls(newsroom)
    results = {}
    for name in names:
        status = 404 if name == "missing" else 200
        result = measure(server.url + urls[name], load=load, server=server, status=status)
        server.idle_wait()
        # Whether the rows marked "page cache on" really came from the cache.
        _status, headers, _body = url_get(server.url + urls[name], status=status)
        result.x_cache = headers.get("X-Cache", "")
        results[name] = result
        out(
            f"  {name}: {result.requests_per_second:,.1f} req/s, p50 {result.p50_ms:.1f} ms, "
            f"p99 {result.p99_ms:.1f} ms, {result.cpu_ms or 0:.2f} CPU-ms/request, "
            f"X-Cache {result.x_cache or '–'}"
        )
    return results
