"""`manage.py serve` (what `make run` starts), end to end: real processes on a free port.

The server tests are marked slow: the first start migrates a fresh database, collects and
compresses the static files and loads the demo newsroom. One server serves the whole module;
the tests run in file order and the last ones stop it and start it again.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model

from kabar.ops import runner

from .servers import (
    BASE_DIR,
    PASSWORD_LINE,
    alive,
    cmdline,
    descendants,
    manage_shell,
    port_free,
    server_env,
    server_kill,
    server_start,
)

CONTENT_SNAPSHOT = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision
print(json.dumps({
    "pages": sorted(Page.objects.values_list("pk", "title", "live", "url_path")),
    "revisions": Revision.objects.count(),
    "users": sorted(get_user_model().objects.values_list("username", "password")),
}))
"""


def parent_pid(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def task_workers(server) -> list[int]:
    """The task workers granian's master forked (named task-worker, kabar/ops/task_fork.py)."""
    return [p for p in descendants(server.process.pid) if process_name(p) == "task-worker"]


def task_worker(server, *, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := task_workers(server):
            return found[0]
        time.sleep(0.2)
    pytest.fail(f"no task worker runs:\n{server.output[-3000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("serve-data")
    # One web worker, as on the embedded default's two cores: the task worker runs in it.
    env = {**server_env(data_dir, port_free()), "WEB_CONCURRENCY": "1"}
    running = server_start(env, data_dir)
    yield running
    server_kill(running)


@pytest.mark.slow
def test_serve_answers_the_home_page_with_debug_off(server):
    home = requests.get(server.url, timeout=60)
    assert home.status_code == 200
    assert "Kabar Harapan" in home.text

    missing = requests.get(server.url + "halaman-yang-tidak-ada/", timeout=60)
    assert missing.status_code == 404
    # Django's debug 404 page lists the URL patterns it tried.
    assert "URLconf" not in missing.text and "DEBUG = True" not in missing.text

    assert requests.get(server.url + "healthz", timeout=60).text == "ok\n"
    # Read again, the home page is answered from the worker's memory (kabar/pagecache/fast.py),
    # with the request id the proxy gave.
    again = requests.get(server.url, headers={"X-Request-ID": "dari-proxy-1"}, timeout=60)
    assert (again.headers["X-Cache"], again.headers["X-Request-ID"]) == ("HIT", "dari-proxy-1")
    assert again.content == requests.get(server.url, timeout=60).content
    # The address and admin login stay in view: the worker prints no lines for tasks that
    # succeed (loading the demo queued hundreds of them).
    assert "Task id=" not in server.output
    assert "Spawning worker" not in server.output  # nor does granian for its workers


@pytest.mark.slow
def test_serve_gives_static_files_hashed_names_and_compression(server):
    manifest = json.loads((server.data_dir / "static" / "staticfiles.json").read_text())["paths"]
    linked = re.findall(r"/static/([^\"'?#]+\.css)", requests.get(server.url, timeout=60).text)
    for name in linked:
        # Pages link the hashed copies, never the originals.
        assert name in manifest.values(), f"{name} is not a hashed static file"
    stylesheet = linked[0] if linked else next(v for v in manifest.values() if v.endswith(".css"))
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)

    for encoding in ("gzip", "br"):
        response = requests.get(
            server.url + "static/" + stylesheet, headers={"Accept-Encoding": encoding}, timeout=30
        )
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        # Hashed names never change content, so browsers may keep them for good.
        assert "immutable" in response.headers["Cache-Control"]
    # The whole file arrives, not only its first block.
    plain = requests.get(
        server.url + "static/" + stylesheet, headers={"Accept-Encoding": "identity"}, timeout=30
    )
    assert plain.content == (server.data_dir / "static" / stylesheet).read_bytes()


@pytest.mark.slow
def test_serve_prints_an_admin_password_that_logs_in_once(server):
    assert f"Admin:  {server.url}admin/" in server.output
    printed = PASSWORD_LINE.search(server.output)
    assert printed, server.output
    user, password = printed["user"], printed["password"]

    session = requests.Session()
    login_url = server.url + "admin/login/"
    form = session.get(login_url, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    response = session.post(
        login_url,
        data={
            "username": user,
            "password": password,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        },
        headers={"Referer": login_url},
        timeout=60,
    )
    assert response.status_code == 200
    # The password is right; a superuser then sets up the second factor before the admin.
    assert response.url == server.url + "admin/dua-faktor/pasang/?next=%2Fadmin%2F"
    assert "<svg" in response.text
    pages = session.get(server.url + "admin/pages/", timeout=60)
    assert pages.url.startswith(server.url + "admin/dua-faktor/pasang/")

    # Only a hash of the password is kept anywhere in the data directory.
    for path in server.data_dir.rglob("*"):
        if path.is_file() and "static" not in path.relative_to(server.data_dir).parts:
            assert password.encode() not in path.read_bytes(), f"{path} holds the password"


SCHEDULE_ARTICLE = """
import datetime
from django.utils import timezone
from kabar.news.models import ArticlePage, SectionPage
section = SectionPage.objects.live().order_by("path").first()
article = ArticlePage(
    title="Berita terjadwal tanpa editor",
    slug="berita-terjadwal-tanpa-editor",
    summary="Terbit sendiri pada waktunya.",
    body=[("paragraph", "<p>Artikel ini dijadwalkan dan terbit tanpa ada yang membuka admin.</p>")],
    live=False,
)
section.add_child(instance=article)
article.go_live_at = timezone.now() + datetime.timedelta(seconds=15)
article.save_revision().publish()
article.refresh_from_db()
assert not article.live
print(article.get_url(), article.go_live_at.timestamp(), flush=True)
"""


@pytest.mark.slow
def test_scheduled_article_goes_live_at_its_time_without_anyone_in_the_admin(server):
    # The home page is in the page cache the gunicorn workers share...
    requests.get(server.url, timeout=60)
    assert requests.get(server.url, timeout=60).headers["X-Cache"] == "HIT"
    # Read the URL as soon as it is printed: the shell can take long to exit on a busy machine.
    shell = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCHEDULE_ARTICLE],
        cwd=BASE_DIR,
        env=server.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    printed = shell.stdout.readline()
    assert printed, f"scheduling the article failed with exit code {shell.wait()}"
    path, go_live = printed.split()
    url = server.url.rstrip("/") + path

    seen = []
    deadline = float(go_live) + 60
    while time.time() < deadline:
        asked = time.time()
        response = requests.get(url, timeout=60)
        seen.append((asked, response.status_code))
        if response.status_code == 200:
            break
        time.sleep(0.5)
    assert seen[-1][1] == 200, f"it never went live: {seen[-3:]}\n{server.output[-3000:]}"
    assert "Berita terjadwal tanpa editor" in response.text
    # Not a moment before its time.
    assert all(status == 404 for asked, status in seen if asked < float(go_live))
    assert any(asked < float(go_live) for asked, _status in seen)
    assert shell.wait(timeout=120) == 0
    # ...and the scheduler's publish, in another process, purged it for all of them.
    home = requests.get(server.url, timeout=60)
    assert home.headers["X-Cache"] != "HIT"
    assert "Berita terjadwal tanpa editor" in home.text


def granian_web(pid: int) -> bool:
    """Granian's master or one of its web workers (not the task worker it forked)."""
    return b"granian_serve" in cmdline(pid) and not process_name(pid).startswith("task-")


@pytest.mark.slow
def test_the_task_worker_runs_tasks_and_the_scheduler_in_the_only_web_worker(server):
    # A thread of the web worker (kabar/ops/task_thread.py), no process of its own.
    children = descendants(server.process.pid)
    assert all(granian_web(pid) for pid in children) and len(children) == 2, children
    # Both heartbeats are recent: the scheduler's, and the task the scheduler queues for the
    # worker (kabar/ops/health.py), run in the web worker's thread.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        checks = requests.get(server.url + "readyz", timeout=60).json()["checks"]
        if checks["scheduler"]["ok"] and checks["worker"]["ok"]:
            break
        time.sleep(0.5)
    assert checks["scheduler"]["ok"] and checks["worker"]["ok"], checks


@pytest.mark.slow
def test_granian_serves_and_replaces_its_workers_on_sighup_without_dropping_requests(server):
    # The production server (chosen by `make bench`, docs/performance.md), its application
    # imported once in its master and its workers forked from it.
    masters = [p for p in descendants(server.process.pid) if granian_web(p)]
    master = next(p for p in masters if parent_pid(p) == server.process.pid)
    workers = {p for p in masters if p != master}
    assert len(workers) >= 1, masters
    assert requests.get(server.url, timeout=60).headers["Server"] == "granian"

    answers = []
    os.kill(master, signal.SIGHUP)
    deadline = time.monotonic() + 90
    replaced = set()
    while time.monotonic() < deadline:
        answers.append(requests.get(server.url, timeout=60).status_code)
        now = {p for p in descendants(master) if granian_web(p)}
        if len(now) == len(workers) and not now & workers:
            replaced = now
            break
        time.sleep(0.2)
    assert replaced, "the workers were not replaced"
    assert set(answers) == {200}


@pytest.mark.slow
def test_serve_stops_every_child_on_sigterm(server):
    children = descendants(server.process.pid)
    # The web server's master and its worker, with the task worker in it.
    assert len(children) == 2, children

    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=60) == 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if alive(pid)]


@pytest.mark.slow
def test_second_start_keeps_content_and_restarts_a_child_that_dies(server):
    before = manage_shell(server, CONTENT_SNAPSHOT)

    prepared = subprocess.run(
        [sys.executable, "manage.py", "serve", "--prepare-only"],
        cwd=BASE_DIR,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepared.returncode == 0, prepared.stderr
    # Now with more than one web worker, or as TASK_WORKER=process asks: the task worker in a
    # process of its own, forked from the master (kabar/ops/task_fork.py).
    again = server_start(
        {**server.env, "PORT": str(port_free()), "TASK_WORKER": "process"}, server.data_dir
    )
    try:
        assert requests.get(again.url, timeout=60).status_code == 200
        for output in (prepared.stdout, again.output):
            assert not PASSWORD_LINE.search(output)
            assert "manage.py changepassword admin" in output
        # Unchanged static sources are not hashed and compressed again.
        assert "Static files collected" not in prepared.stdout + again.output
        assert manage_shell(again, CONTENT_SNAPSHOT) == before

        # The task worker that dies once the site runs is started again (by the keeper granian's
        # master forked it from, task_fork.py); the site stays up.
        worker = task_worker(again)
        time.sleep(runner.STARTUP_SECONDS)  # past start-up, where a death stops everything
        os.kill(worker, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while "Starting the task worker again" not in again.output and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "The task worker exited with code 137; starting it again" in again.output
        assert again.process.poll() is None
        restarted = task_worker(again)
        assert restarted != worker
        assert requests.get(again.url, timeout=60).status_code == 200

        # A web server that dies is started again by the supervisor, with a task worker.
        children = descendants(again.process.pid)
        granian = next(p for p in children if parent_pid(p) == again.process.pid)
        web_workers = [p for p in descendants(granian) if granian_web(p)]
        os.kill(granian, signal.SIGKILL)
        # Its web workers go with it (PR_SET_PDEATHSIG): left behind, they held the port, and
        # the new master could never bind it.
        deadline = time.monotonic() + 30
        while any(alive(p) for p in web_workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        leftover = [p for p in web_workers if alive(p)]
        for pid in leftover:  # nothing outlives the test, whatever happens
            os.kill(pid, signal.SIGKILL)
        assert not leftover
        deadline = time.monotonic() + 120
        while "Starting granian again" not in again.output and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "granian exited with code -9; starting it again" in again.output
        deadline, answer = time.monotonic() + 180, None
        while answer is None and time.monotonic() < deadline:
            try:
                answer = requests.get(again.url, timeout=60)
            except requests.ConnectionError:  # the new master is still importing
                time.sleep(0.5)
        assert answer is not None and answer.status_code == 200
        # The old master's keeper and task worker went with it (PR_SET_PDEATHSIG); the new
        # master forked its own.
        deadline = time.monotonic() + 60
        while alive(restarted) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(restarted)
        assert task_worker(again) != restarted
        assert len(task_workers(again)) == 1

        # A child that cannot start (the port is taken) stops everything, with its error.
        taken = server_start({**server.env, "PORT": again.env["PORT"]}, server.data_dir, wait=False)
        try:
            assert taken.process.wait(timeout=120) != 0
            assert "granian exited with code" in taken.output
        finally:
            server_kill(taken)
    finally:
        server_kill(again)


def test_first_run_creates_the_admin_account_with_a_usable_password(db):
    account = runner.admin_account_ensure()
    assert account.username == "admin" and account.password
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(account.password)
    assert admin.password != account.password


def test_later_runs_leave_the_admin_account_and_its_password_alone(db):
    first = runner.admin_account_ensure()
    hashed = get_user_model().objects.get(username="admin").password
    again = runner.admin_account_ensure()
    assert again.username == "admin" and again.password is None
    assert get_user_model().objects.get(username="admin").password == hashed
    assert first.password


def test_an_existing_superuser_means_no_new_admin(db):
    get_user_model().objects.create_superuser("pemred", email="", password="rahasia-sekali")
    account = runner.admin_account_ensure()
    assert account.username == "pemred" and account.password is None
    assert not get_user_model().objects.filter(username="admin").exists()


def test_an_ordinary_account_named_admin_is_not_promoted(db):
    get_user_model().objects.create_user("admin", password="punya-orang-lain")
    account = runner.admin_account_ensure()
    assert account.username is None and account.password is None
    assert not get_user_model().objects.get(username="admin").is_superuser
