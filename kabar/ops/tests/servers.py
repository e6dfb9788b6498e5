"""Real `manage.py serve` processes for the tests: started on a free port with a data
directory of their own, never the test run's database or cache, and killed whole."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# A loaded machine may need longer: KABAR_TEST_SERVE_TIMEOUT=900.
START_TIMEOUT = int(os.environ.get("KABAR_TEST_SERVE_TIMEOUT", "300"))
# Variables that would point the server at the test run's own database, cache or settings.
INHERITED_OUT = {
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_TABLE",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "EMAIL_HOST",
    "EMAIL_FILE_PATH",
    "AWS_STORAGE_BUCKET_NAME",
    "TASKS_BACKEND",
    "DJANGO_DEBUG",
}
PASSWORD_LINE = re.compile(r'Log in as "(?P<user>[^"]+)" with the password: (?P<password>\S+)')


def port_free() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    env: dict[str, str]
    data_dir: Path
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "".join(self.lines)


def server_env(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_OUT}
    env.update(
        DJANGO_SETTINGS_MODULE="kabar.settings.base",
        KABAR_DATA_DIR=str(data_dir),
        HOST="127.0.0.1",
        PORT=str(port),
        SCHEDULER_INTERVAL="1",
        GUNICORN_ACCESS_LOG="",
        PYTHONUNBUFFERED="1",
    )
    return env


def server_start(env: dict[str, str], data_dir: Path, *, wait: bool = True) -> Server:
    """Start `manage.py serve` and return once it answers HTTP requests (or at once)."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve"],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(
        process=process, url=f"http://127.0.0.1:{env['PORT']}/", env=env, data_dir=data_dir
    )
    threading.Thread(
        target=lambda: server.lines.extend(iter(process.stdout.readline, "")), daemon=True
    ).start()
    if not wait:
        return server
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with code {process.returncode}:\n{server.output[-5000:]}")
        try:
            requests.get(server.url, timeout=60)
            return server
        except requests.RequestException:
            time.sleep(0.5)
        except BaseException:
            server_kill(server)
            raise
    server_kill(server)
    pytest.fail(f"serve did not answer within {START_TIMEOUT} s:\n{server.output[-5000:]}")


def server_kill(server: Server) -> None:
    """Kill the server and everything it started, whatever state it is in."""
    for pid in [server.process.pid, *descendants(server.process.pid)]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.process.wait()


def descendants(pid: int) -> set[int]:
    """Every living process below `pid`, found through /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def cmdline(pid: int) -> bytes:
    """The process's command line, its arguments separated by NUL bytes (empty once gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""


def manage_shell(server: Server, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


class OwnPostgres:
    """A PostgreSQL server of the test's own on a free port, to stop and start at will; never
    the shared one. Run as the `postgres` account when the tests run as root (initdb refuses
    root)."""

    def __init__(self):
        self.port = port_free()
        self.root = Path(tempfile.mkdtemp(prefix="kabar-pg-"))
        self.data = self.root / "data"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    @staticmethod
    def available() -> bool:
        return bool(pg_tool("initdb") and pg_tool("pg_ctl"))

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/kabar"

    def run(self, tool: str, *args: str) -> None:
        command = [pg_tool(tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "kabar")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options,
                 "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.root, ignore_errors=True)


def pg_tool(name: str) -> str | None:
    """A PostgreSQL server program: on the PATH, or in Debian's versioned directory."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None
