"""`make cluster`: Kabar's production topology on this machine, on loopback only.

PostgreSQL behind pgbouncer in transaction mode (deploy/pgbouncer/pgbouncer.ini), Redis, moto's
S3 server with a bucket for the media, two app nodes (each `manage.py serve`: the web server,
the task worker and the scheduler, with a data directory of its own) and Varnish in front
(deploy/varnish/kabar.vcl), which the nodes purge. Every piece is the real server; PostgreSQL
and Redis are started as tools/ci_services.py starts its own. The integration tests
(kabar/ops/tests/test_cluster.py) start the same topology through `cluster_start`.

    python -m tools.cluster [--nodes 2] [--scheduler-interval 30]    # Ctrl-C stops it all
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import URLError

from tools import ci_services

BASE_DIR = Path(__file__).resolve().parents[1]
DEPLOY = BASE_DIR / "deploy"
BUCKET = "kabar-media"
# Variables of the calling shell that would point a node at another database, cache or bucket.
INHERITED_OUT = (
    "DATABASE_URL", "DATABASE_POOLER", "REDIS_URL", "CACHE_TABLE", "CACHE_KEY_PREFIX",
    "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "KABAR_DATA_DIR",
    "MEDIA_ROOT", "STATIC_ROOT", "EMAIL_HOST", "EMAIL_FILE_PATH", "TASKS_BACKEND", "DJANGO_DEBUG",
    "FRONTEND_CACHE", "FRONTEND_CACHE_LOCATION", "HOST", "PORT", "SERVE_MEDIA",
    "PROMETHEUS_MULTIPROC_DIR", "LOG_FORMAT", "ACCESS_LOG",
)  # fmt: skip


@dataclass
class Node:
    name: str
    url: str
    env: dict[str, str]
    process: subprocess.Popen | None = None


@dataclass
class Cluster:
    state: Path
    varnish_url: str = ""
    varnish_dir: Path | None = None
    pgbouncer_dir: Path | None = None
    database_url: str = ""
    postgres_url: str = ""
    redis_url: str = ""
    s3_url: str = ""
    nodes: list[Node] = field(default_factory=list)
    admin_lines: list[str] = field(default_factory=list)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def logs(self) -> Path:
        return self.state / "logs"


def say(message: str) -> None:
    sys.stderr.write(f"cluster: {message}\n")


def process_start(cluster: Cluster, name: str, argv: list[str], **popen) -> subprocess.Popen:
    """Start a server in a session of its own (stopped whole, children too), logging to a file."""
    cluster.logs.mkdir(parents=True, exist_ok=True)
    log = (cluster.logs / f"{name}.log").open("ab")
    process = subprocess.Popen(
        argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **popen
    )
    log.close()
    cluster.processes[name] = process
    return process


def process_stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def http_wait(url: str, what: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (URLError, ConnectionError, TimeoutError):
            if process.poll() is not None:
                raise RuntimeError(f"{what} ended (exit status {process.returncode})") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not answer {url} in {seconds:g} s") from None
            time.sleep(0.3)


def directory_for_servers() -> Path:
    """A directory servers running as their own users (postgres, varnish) can read."""
    directory = Path(tempfile.mkdtemp(prefix="kabar-cluster-"))
    directory.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    return directory


def ini_filled(text: str, values: dict[str, str]) -> str:
    """The production ini file with these keys' values replaced."""
    lines = []
    for line in text.splitlines():
        key = line.split("=", 1)[0].strip()
        if "=" in line and not line.startswith(";") and key in values:
            line = f"{key} = {values[key]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def postgres_start(cluster: Cluster) -> None:
    import psycopg

    cluster.postgres_url = ci_services.start_postgres(cluster.state / "services")
    with psycopg.connect(cluster.postgres_url, autocommit=True) as connection:
        # As deploy/pgbouncer/pgbouncer.ini asks: no per-connection SET TIME ZONE.
        connection.execute("ALTER DATABASE test SET timezone TO 'UTC'")


def pgbouncer_start(cluster: Cluster) -> None:
    import psycopg

    directory = cluster.pgbouncer_dir = directory_for_servers()
    port = ci_services.free_port()
    postgres_port = cluster.postgres_url.rsplit(":", 1)[1].split("/")[0]
    ini = ini_filled(
        (DEPLOY / "pgbouncer" / "pgbouncer.ini").read_text(),
        {
            "kabar": f"host=127.0.0.1 port={postgres_port} dbname=test",
            "listen_port": str(port),
            "unix_socket_dir": str(directory),
            "pidfile": str(directory / "pgbouncer.pid"),
            "logfile": str(directory / "pgbouncer.log"),
            # Loopback only, and PostgreSQL itself trusts loopback here.
            "auth_type": "trust",
            "auth_file": str(directory / "userlist.txt"),
        },
    )
    (directory / "pgbouncer.ini").write_text(ini)
    (directory / "userlist.txt").write_text('"postgres" ""\n')
    argv = [shutil.which("pgbouncer") or "/usr/sbin/pgbouncer", str(directory / "pgbouncer.ini")]
    if os.geteuid() == 0:  # pgbouncer refuses to run as root
        argv = ["runuser", "-u", "postgres", "--", *argv]
    process = process_start(cluster, "pgbouncer", argv)
    cluster.database_url = f"postgres://postgres@127.0.0.1:{port}/kabar"
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(cluster.database_url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"pgbouncer did not start: see {cluster.logs}") from None
            time.sleep(0.2)


def s3_start(cluster: Cluster) -> None:
    import boto3

    port = ci_services.free_port()
    process = process_start(
        cluster, "s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    )
    cluster.s3_url = f"http://127.0.0.1:{port}"
    http_wait(cluster.s3_url + "/moto-api/", "moto's S3 server", process, seconds=60)
    client = s3_client(cluster, boto3)
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(MEDIA_PUBLIC_POLICY))


# As docs/deploy.md asks of the production bucket: readers may fetch the photos under media/,
# nobody the complainants' attachments under private/.
MEDIA_PUBLIC_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadersSeeTheMedia",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
        }
    ],
}


def s3_client(cluster: Cluster, boto3=None):
    if boto3 is None:
        import boto3
    return boto3.client(
        "s3",
        endpoint_url=cluster.s3_url,
        region_name="us-east-1",
        aws_access_key_id="kabar",
        aws_secret_access_key="kabar-secret",
    )


def node_env(cluster: Cluster, name: str, port: int, scheduler_interval: float) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_OUT}
    env.update(
        DJANGO_SETTINGS_MODULE="kabar.settings.base",
        KABAR_DATA_DIR=str(cluster.state / name),
        HOST="127.0.0.1",
        PORT=str(port),
        DATABASE_URL=cluster.database_url,
        DATABASE_POOLER="transaction",
        REDIS_URL=cluster.redis_url,
        CACHE_KEY_PREFIX="kabar-cluster",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=cluster.s3_url,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="kabar",
        AWS_SECRET_ACCESS_KEY="kabar-secret",
        FRONTEND_CACHE="http",
        FRONTEND_CACHE_LOCATION=cluster.varnish_url,
        SITE_URL=cluster.varnish_url,
        # Collected once, by the first node's preparation, for every node.
        STATIC_ROOT=str(cluster.state / "static"),
        SCHEDULER_INTERVAL=f"{scheduler_interval:g}",
        # As production: a JSON line per request with the id Varnish gave it (kabar.ops.logs).
        LOG_FORMAT="json",
        WEB_CONCURRENCY=os.environ.get("CLUSTER_WEB_CONCURRENCY", "2"),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(node: Node, *args: str, timeout: float = 600) -> str:
    """Run a management command as this node would; its output, or an error with it."""
    done = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=node.env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} on {node.name} failed:\n{done.stderr[-3000:]}")
    return done.stdout


# The readers' address: the site's pages are purged from Varnish under it.
SITE_ADDRESS = """
from wagtail.models import Site
Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port={port})
"""


def database_prepare(cluster: Cluster, first: Node) -> None:
    """Migrations, static files, the demo newsroom and the admin account: once, by one node."""
    varnish_port = cluster.varnish_url.rsplit(":", 1)[1]
    output = manage(first, "serve", "--prepare-only", "--port", varnish_port, timeout=1200)
    cluster.admin_lines = [line for line in output.splitlines() if line.startswith("  ")][-2:]
    manage(first, "shell", "-c", SITE_ADDRESS.format(port=varnish_port))


def node_start(cluster: Cluster, node: Node) -> None:
    argv = [sys.executable, str(BASE_DIR / "manage.py"), "serve", "--join"]
    node.process = process_start(cluster, node.name, argv, env=node.env, cwd=BASE_DIR)


def node_warm(node: Node, requests: int = 4) -> None:
    """Render the home page on each web worker once: a worker's first page loads templates and
    more, which on a busy machine outlasts a reader's (or Varnish's) patience."""
    for _ in range(requests):
        request = urllib.request.Request(node.url + "/", headers={"Cookie": "sessionid=warm"})
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()


def backends_vcl(nodes: list[Node]) -> str:
    """backends.vcl (deploy/varnish/backends.example.vcl) for these nodes on loopback."""
    names = [node.name.replace("-", "_") for node in nodes]
    parts = [
        'probe kabar_health {\n    .url = "/healthz";\n    .interval = 1s;\n'
        "    .timeout = 1s;\n    .window = 3;\n    .threshold = 2;\n}\n"
    ]
    for name, node in zip(names, nodes, strict=True):
        port = node.url.rsplit(":", 1)[1]
        parts.append(
            f'backend {name} {{\n    .host = "127.0.0.1";\n    .port = "{port}";\n'
            "    .probe = kabar_health;\n}\n"
        )
    parts.append('acl purgers {\n    "127.0.0.1";\n}\n')
    adds = "".join(f"    nodes.add_backend({name});\n" for name in names)
    parts.append(f"sub kabar_backends {{\n{adds}}}\n")
    return "\n".join(parts)


def varnish_start(cluster: Cluster, port: int) -> None:
    directory = cluster.varnish_dir = Path(tempfile.mkdtemp(prefix="kabar-cluster-varnish-"))
    directory.chmod(0o755)
    shutil.copy(DEPLOY / "varnish" / "kabar.vcl", directory / "kabar.vcl")
    (directory / "backends.vcl").write_text(backends_vcl(cluster.nodes))
    process = process_start(
        cluster,
        "varnish",
        [shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-j", "none",
         "-a", f"127.0.0.1:{port}", "-s", "malloc,64m", "-p", f"vcl_path={directory}",
         "-f", str(directory / "kabar.vcl"), "-n", str(directory / "work")],
    )  # fmt: skip
    http_wait(cluster.varnish_url + "/healthz", "Varnish", process, seconds=60)


def cluster_start(state: Path, *, nodes: int = 2, scheduler_interval: float = 30) -> Cluster:
    """Start every server on free loopback ports; `cluster_stop` stops them all."""
    (state / "services").mkdir(parents=True, exist_ok=True)
    cluster = Cluster(state=state)
    try:
        varnish_port = ci_services.free_port()
        cluster.varnish_url = f"http://127.0.0.1:{varnish_port}"
        say("starting PostgreSQL, pgbouncer, Redis and moto's S3 server")
        postgres_start(cluster)
        pgbouncer_start(cluster)
        cluster.redis_url = ci_services.start_redis(cluster.state / "services")
        s3_start(cluster)
        secret_key = secrets.token_urlsafe(50)  # one for all: a session is valid on every node
        for letter in string.ascii_lowercase[:nodes]:
            port = ci_services.free_port()
            env = node_env(cluster, f"node-{letter}", port, scheduler_interval)
            env["SECRET_KEY"] = secret_key
            cluster.nodes.append(Node(f"node-{letter}", f"http://127.0.0.1:{port}", env))
        say("migrating, collecting static files and loading the demo (first node only)")
        database_prepare(cluster, cluster.nodes[0])
        for node in cluster.nodes:
            node_start(cluster, node)
        for node in cluster.nodes:
            http_wait(node.url + "/healthz", node.name, node.process)
            node_warm(node)
        varnish_start(cluster, varnish_port)
    except BaseException:
        cluster_stop(cluster)
        raise
    return cluster


def cluster_stop(cluster: Cluster) -> None:
    for process in reversed(cluster.processes.values()):
        process_stop(process)
    ci_services.down(cluster.state / "services")  # Redis and PostgreSQL
    for directory in (cluster.varnish_dir, cluster.pgbouncer_dir):
        if directory:
            shutil.rmtree(directory, ignore_errors=True)


def banner(cluster: Cluster) -> str:
    lines = ["", "Kabar's production topology is running, on loopback only:"]
    lines.append(f"  Readers, through Varnish:  {cluster.varnish_url}/")
    for node in cluster.nodes:
        lines.append(f"  {node.name} (web, tasks, scheduler): {node.url}/")
    lines += [
        f"  PostgreSQL {cluster.postgres_url}, through pgbouncer (transaction mode): "
        f"{cluster.database_url}",
        f"  Redis {cluster.redis_url};  S3 (moto) {cluster.s3_url}/{BUCKET}/",
        *cluster.admin_lines,
        f"  Logs: {cluster.logs}/",
        "Press Ctrl-C to stop everything.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2, choices=range(1, 10))
    parser.add_argument("--scheduler-interval", type=float, default=30)
    options = parser.parse_args()
    state = BASE_DIR / "var" / "cluster"
    shutil.rmtree(state, ignore_errors=True)  # the last run's nodes and logs
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    cluster = cluster_start(
        state, nodes=options.nodes, scheduler_interval=options.scheduler_interval
    )
    sys.stdout.write(banner(cluster) + "\n")
    sys.stdout.flush()
    try:
        while all(process.poll() is None for process in cluster.processes.values()):
            time.sleep(1)
        say("a server ended; stopping the others (see the logs)")
    except KeyboardInterrupt:
        say("stopping")
    finally:
        # A second Ctrl-C must not leave servers behind half-stopped.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cluster_stop(cluster)


if __name__ == "__main__":
    main()
