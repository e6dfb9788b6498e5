"""The production topology with every real server (tools/cluster.py, `make cluster`): two app
nodes behind Varnish, PostgreSQL through pgbouncer in transaction mode, Redis and moto's S3.

The topology starts once for the module (a few minutes: migrations, static files, the demo).
What the newsroom does on a node runs as that node's management command would, in a process
with the node's environment; readers are plain HTTP requests to a node or through Varnish.
The last test kills a node: it stays last.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.error import HTTPError, URLError

import pytest

from tools import ci_services
from tools.cluster import BUCKET, cluster_start, cluster_stop, s3_client

pytestmark = [
    pytest.mark.cluster,
    # The first test's time includes starting the topology: minutes on a loaded machine.
    pytest.mark.timeout(1200),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("varnishd", "varnishlog", "redis-server"))
        or not os.path.exists(shutil.which("pgbouncer") or "/usr/sbin/pgbouncer")
        or not (ci_services.pg_tool("initdb") and ci_services.pg_tool("pg_ctl")),
        reason="varnish, pgbouncer, redis-server or PostgreSQL's initdb is not installed",
    ),
]
# Varnish's purge comes from a node's task worker: queued at once, run within a poll or two.
PURGE_SECONDS = 30


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("moto.server")
    state = Path(tempfile.mkdtemp(prefix="kabar-cluster-test-"))
    running = cluster_start(state, scheduler_interval=1)
    try:
        yield running
    finally:
        cluster_stop(running)
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="module")
def story(cluster):
    """A live demo story, its address and its comment page's."""
    return on(cluster.nodes[0], STORY)


def get(url: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def on(node, code: str, **env) -> dict:
    """Run Python in Django on this node (`manage.py shell -c`); it prints one JSON line."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        env={**node.env, **env}, cwd=Path(__file__).resolve().parents[3],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def eventually(check, seconds: float = PURGE_SECONDS):
    """check() until it is true; the last value either way."""
    deadline = time.monotonic() + seconds
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.3)
    return result


STORY = """
import json
from django.urls import reverse
from kabar.news.models import ArticlePage
story = ArticlePage.objects.live().order_by("pk").first()
comments = reverse("comments:page", args=[story.pk])
print(json.dumps({"pk": story.pk, "path": story.url, "comments": comments}))
"""

RETITLE = """
import json
from kabar.news.models import ArticlePage
story = ArticlePage.objects.get(pk=%d)
story.title = %r
story.save_revision().publish()
print(json.dumps({}))
"""


def test_a_story_published_on_a_is_fresh_on_b_and_through_varnish(cluster, story):
    a, b = cluster.nodes
    path = story["path"]
    get(cluster.varnish_url + path)
    _status, headers, _body = get(cluster.varnish_url + path)
    assert headers["X-Varnish-Cache"] == "HIT"
    get(b.url + path)  # in the shared page cache now

    title = f"Gugus {secrets.token_hex(4)}"
    on(a, RETITLE % (story["pk"], title))
    assert title in get(b.url + path)[2]  # the shared page cache forgot it with the commit
    assert title in get(a.url + path)[2]
    assert eventually(lambda: title in get(cluster.varnish_url + path)[2])


COMMENT = """
import json
from kabar.comments.models import ReaderComment
comment = ReaderComment.objects.create(
    article_id=%d, author_name="Pembaca Gugus", author_email="pembaca@example.com",
    body=%r, status=ReaderComment.Status.PENDING,
)
print(json.dumps({"pk": comment.pk}))
"""

APPROVE = """
import json
from django.contrib.auth import get_user_model
from kabar.comments.models import ReaderComment
from kabar.comments.services import comment_approve
moderator = get_user_model().objects.filter(is_superuser=True).first()
comment_approve(comment=ReaderComment.objects.get(pk=%d), moderator=moderator)
print(json.dumps({}))
"""


def test_a_comment_approved_on_b_appears_on_a_and_through_varnish(cluster, story):
    a, b = cluster.nodes
    path = story["comments"]  # the article's comment page (the article shows the count)
    words = f"Komentar gugus {secrets.token_hex(4)}"
    comment = on(a, COMMENT % (story["pk"], words))
    get(cluster.varnish_url + path)
    assert words not in get(a.url + path)[2]  # pending: nobody sees it; A's copy is cached

    on(b, APPROVE % comment["pk"])
    assert words in get(a.url + path)[2]
    assert eventually(lambda: words in get(cluster.varnish_url + path)[2])


SETTINGS_CHANGE = """
import json
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site
from kabar.core.models import SiteSettings
purges = DBTaskResult.objects.filter(task_path__endswith="cdn_purge_everything_task")
before = purges.count()
site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
site_settings.footer_text = %r
site_settings.save()
print(json.dumps({"before": before}))
"""

TASKS_COUNTED = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps({"count": DBTaskResult.objects.filter(task_path__endswith=%r).count()}))
"""


def test_a_settings_change_purges_every_page_once(cluster, story):
    a, b = cluster.nodes
    paths = ["/", story["path"]]
    for path in paths:
        get(cluster.varnish_url + path)
        assert get(cluster.varnish_url + path)[1]["X-Varnish-Cache"] == "HIT"
        get(a.url + path)

    footer = f"Kaki gugus {secrets.token_hex(4)}"
    before = on(b, SETTINGS_CHANGE % footer)["before"]
    for path in paths:
        assert footer in get(a.url + path)[2]
        assert eventually(lambda path=path: footer in get(cluster.varnish_url + path)[2])
    # One purge of every address queued, not one per node or per change signal.
    assert on(a, TASKS_COUNTED % "cdn_purge_everything_task")["count"] == before + 1


# What publishing a story left behind: revisions, publications logged, Varnish purge tasks.
PUBLISHING_COUNTED = """
import json
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry
from kabar.news.models import ArticlePage

def publishing_counted(story):
    purges = [
        task for task in DBTaskResult.objects.filter(task_path__contains="frontend_cache")
        if any(story.url in url for url in task.args_kwargs["args"][0])
    ]
    logged = PageLogEntry.objects.filter(page=story, action="wagtail.publish.scheduled")
    return {
        "pk": story.pk, "path": story.url, "live": story.live,
        "revisions": story.revisions.count(), "published": logged.count(),
        "purge_tasks": len(purges),
    }
"""

SCHEDULE = (
    PUBLISHING_COUNTED
    + """
import datetime
from django.utils import timezone
from kabar.news.models import SectionPage
section = SectionPage.objects.live().order_by("pk").first()
story = ArticlePage(
    title=%r, slug=%r, summary="Terbit terjadwal.",
    body=[("paragraph", "<p>Isi berita terjadwal.</p>")],
    go_live_at=timezone.now() + datetime.timedelta(hours=1),
)
section.add_child(instance=story)
story.save_revision().publish()  # an hour ahead: scheduled, not live
story.refresh_from_db()
counted = publishing_counted(story)
# Then due at once, as if the hour had passed: a near time could pass on a slow machine before
# the publish above, which would then make the story live itself.
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Revision
now = timezone.now()
ArticlePage.objects.filter(pk=story.pk).update(go_live_at=now)
revision = Revision.objects.get(approved_go_live_at__isnull=False, object_id=str(story.pk))
revision.content["go_live_at"] = json.loads(json.dumps(now, cls=DjangoJSONEncoder))
revision.approved_go_live_at = now
revision.save(update_fields=["content", "approved_go_live_at"])
print(json.dumps(counted))
"""
)

PUBLISHED = (
    PUBLISHING_COUNTED
    + """
print(json.dumps(publishing_counted(ArticlePage.objects.get(pk=%d))))
"""
)


def test_scheduled_publishing_runs_once_with_both_schedulers_racing(cluster):
    a, _b = cluster.nodes
    slug = f"terjadwal-{secrets.token_hex(4)}"
    scheduled = on(a, SCHEDULE % ("Berita terjadwal gugus", slug))
    assert scheduled["live"] is False
    assert eventually(lambda: get(a.url + scheduled["path"])[0] == 200, seconds=60)
    time.sleep(4)  # a few more rounds of both schedulers (every second)
    result = on(a, PUBLISHED % scheduled["pk"])
    assert (result["live"], result["revisions"], result["published"]) == (True, 1, 1), result
    # Scheduling purged the listings once; publishing purges them once more, not twice.
    assert result["purge_tasks"] == scheduled["purge_tasks"] + 1, (scheduled, result)
    assert "Berita terjadwal gugus" in get(cluster.varnish_url + result["path"])[2]


PHOTO = """
import io, json
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images import get_image_model
from kabar.news.models import ArticlePage
buffer = io.BytesIO()
Picture.new("RGB", (1200, 800), (30, 120, 200)).save(buffer, "JPEG")
image = get_image_model().objects.create(
    title="Foto gugus", file=ImageFile(buffer, name=%r)
)
story = ArticlePage.objects.get(pk=%d)
story.featured_image = image
story.save_revision().publish()
print(json.dumps({"image": image.pk, "file": image.file.name}))
"""

RENDITIONS = """
import json
from wagtail.images import get_image_model
image = get_image_model().objects.get(pk=%d)
url = image.get_rendition("width-400").url  # made here if no page asked for it yet
renditions = sorted(rendition.file.name for rendition in image.renditions.all())
print(json.dumps({"renditions": renditions, "url": url}))
"""


def test_an_image_uploaded_on_a_is_in_s3_rendered_once_and_shown_by_b(cluster, story):
    a, b = cluster.nodes
    name = f"gugus-{secrets.token_hex(4)}.jpg"
    photo = on(a, PHOTO % (name, story["pk"]))
    stored = s3_client(cluster).list_objects_v2(Bucket=BUCKET, Prefix="media/")
    keys = {item["Key"] for item in stored.get("Contents", [])}
    assert f"media/{photo['file']}" in keys

    on_b = get(b.url + story["path"])[2]
    on_a = get(a.url + story["path"])[2]
    pattern = re.compile(
        re.escape(f"{cluster.s3_url}/{BUCKET}/media/images/") + rf"{name[:-4]}[^\"' ]+"
    )
    shown_a, shown_b = set(pattern.findall(on_a)), set(pattern.findall(on_b))
    assert shown_a and shown_a == shown_b
    status, headers, _body = get(sorted(shown_b)[0])
    assert status == 200 and headers["Content-Type"].startswith("image/")

    renditions = on(b, RENDITIONS % photo["image"])["renditions"]
    stored = s3_client(cluster).list_objects_v2(Bucket=BUCKET, Prefix="media/images/")
    files = {item["Key"] for item in stored["Contents"] if name[:-4] in item["Key"]}
    # Each rendition made once: a second node making it again would store a second file.
    assert files == {f"media/{rendition}" for rendition in renditions}
    cdn = on(a, RENDITIONS % photo["image"], AWS_S3_CUSTOM_DOMAIN="cdn.kabar.example")
    assert cdn["url"].startswith("https://cdn.kabar.example/media/images/")


def varnish_log(cluster, request_id: str) -> str:
    return subprocess.run(
        ["varnishlog", "-d", "-n", str(cluster.varnish_dir / "work"), "-g", "request",
         "-q", f'ReqHeader:X-Request-ID eq "{request_id}"'],
        capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip


def header_logged(log: str, record: str, request_id: str) -> bool:
    # The web server may spell the header in lower case.
    pattern = rf"^-+\s+{record}Header\s+X-Request-ID: {re.escape(request_id)}$"
    return re.search(pattern, log, re.IGNORECASE | re.MULTILINE) is not None


def test_the_request_id_varnish_sets_reaches_the_app(cluster):
    # A signed-in reader's request goes through to a node; the node answers with the id.
    status, headers, _body = get(cluster.varnish_url + "/", Cookie="sessionid=gugus")
    request_id = headers["X-Request-ID"]
    assert status == 200 and request_id
    log = varnish_log(cluster, request_id)
    assert header_logged(log, "Bereq", request_id), log[-2000:]  # sent to the node
    assert header_logged(log, "Beresp", request_id), log[-2000:]  # and the node answered it

    sent = f"pembaca-{secrets.token_hex(6)}"
    _status, headers, _body = get(
        cluster.varnish_url + "/", Cookie="sessionid=gugus", **{"X-Request-ID": sent}
    )
    assert headers["X-Request-ID"] == sent
    assert header_logged(varnish_log(cluster, sent), "Beresp", sent)
    # The node that answered logged the request under that id (LOG_FORMAT=json).
    logs = [cluster.logs / f"{node.name}.log" for node in cluster.nodes]
    assert eventually(lambda: any(sent in log.read_text() for log in logs), seconds=10)


def test_losing_a_node_under_load_costs_at_most_the_requests_in_flight(cluster, story):
    _a, b = cluster.nodes
    story_path = story["path"]
    # Half of the requests are cached pages, half go through to a node (a signed-in reader).
    requests = [
        (cluster.varnish_url + story_path, {}),
        (cluster.varnish_url + story_path, {"Cookie": "sessionid=gugus"}),
        (cluster.varnish_url + "/", {"Cookie": "sessionid=gugus"}),
    ]
    stop = threading.Event()
    results = []  # (started, ended, ok)

    def reader(offset: int):
        index = offset
        while not stop.is_set():
            url, headers = requests[index % len(requests)]
            index += 1
            started = time.monotonic()
            try:
                ok = get(url, **headers)[0] == 200
            except (URLError, ConnectionError, TimeoutError):
                ok = False
            results.append((started, time.monotonic(), ok))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    os.killpg(b.process.pid, signal.SIGKILL)  # the supervisor, its web server and worker
    killed = time.monotonic()
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    before = [r for r in results if r[1] < killed]
    in_flight = [r for r in results if r[0] <= killed <= r[1]]
    after = [r for r in results if r[0] > killed]
    assert before and after and all(ok for _s, _e, ok in before)
    assert sum(not ok for _s, _e, ok in in_flight) <= len(threads)
    assert all(ok for _s, _e, ok in after), sum(not ok for _s, _e, ok in after)
