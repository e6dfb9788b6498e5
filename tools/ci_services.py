"""The PostgreSQL and Redis servers CI's second pass runs against.

CI runs on the machine as the last session left it: the shared servers on 127.0.0.1 are used
when they answer as the suite needs (a query and CREATEDB on PostgreSQL, a write on Redis);
otherwise this starts a server of its own on a free loopback port, installing Debian's package
first if the program is missing, so a stopped or broken shared server fails nothing and hangs
nothing. Stdlib only but for the probes, which use the project's own drivers.

    python tools/ci_services.py up STATE_DIR    prints `export NAME=value` lines for the shell
    python tools/ci_services.py down STATE_DIR  stops what `up` started
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The machine's shared servers; overridable to try the fallback against a server that is down.
SHARED_POSTGRES = os.environ.get("CI_SHARED_POSTGRES", "postgres://postgres@127.0.0.1:5432/test")
SHARED_REDIS = os.environ.get("CI_SHARED_REDIS", "redis://127.0.0.1:6379/0")


def say(message: str) -> None:
    sys.stderr.write(f"ci_services: {message}\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_usable(url: str) -> str | None:
    """None when the server takes a write and gives it back, else what went wrong."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        key = f"kabar-ci-probe-{os.getpid()}"
        client.set(key, "1", ex=30)
        if client.get(key) != b"1":
            return "a written key did not read back"
        client.delete(key)
    except redis.RedisError as error:
        return f"{type(error).__name__}: {error}"
    return None


def postgres_usable(url: str) -> str | None:
    """None when the server answers a query and the role may create the test database."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            row = connection.execute(
                "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
    except psycopg.Error as error:
        return f"{type(error).__name__}: {error}".strip()
    return None if row and row[0] else "the role may not create databases"


def debian_install(package: str) -> None:
    """Install a Debian package without starting its service: we start our own on loopback."""
    say(f"installing Debian's {package} (its service left stopped)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    policy = Path("/usr/sbin/policy-rc.d")
    ours = not policy.exists()
    if ours:
        subprocess.run([*sudo, "sh", "-c", f"printf '#!/bin/sh\\nexit 101\\n' > {policy}"])
        subprocess.run([*sudo, "chmod", "+x", str(policy)])
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", package], check=True, env=env)
    finally:
        if ours:
            subprocess.run([*sudo, "rm", "-f", str(policy)])


def pg_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


def start_redis(state: Path) -> str:
    if not shutil.which("redis-server"):
        debian_install("redis-server")
    port = free_port()
    home = state / "redis"
    home.mkdir()
    subprocess.run(
        [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(port),
         "--save", "", "--appendonly", "no", "--dir", str(home), "--daemonize", "yes",
         "--pidfile", str(home / "pid"), "--logfile", str(home / "log")],
        check=True,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    wait_until(lambda: redis_usable(url) is None, "redis-server")
    return url


def start_postgres(state: Path) -> str:
    if not (pg_tool("initdb") and pg_tool("pg_ctl")):
        debian_install("postgresql")
    port = free_port()
    # A directory of its own in the system's temporary one, which the postgres account can
    # reach wherever STATE_DIR lies.
    home = Path(tempfile.mkdtemp(prefix="kabar-ci-postgres-"))
    (state / "postgres-home").write_text(str(home))
    as_postgres = os.geteuid() == 0  # initdb refuses root
    if as_postgres:
        shutil.chown(home, "postgres", "postgres")

    def run(tool, *args):
        command = [pg_tool(tool), *args]
        if as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=300)

    data = home / "data"
    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    run("pg_ctl", "-D", str(data), "-l", str(home / "log"), "-o", options, "-w", "start")
    run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "test")
    return f"postgres://postgres@127.0.0.1:{port}/test"


def wait_until(ready, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise SystemExit(f"ci_services: {what} did not start")
        time.sleep(0.1)


def up(state: Path) -> None:
    state.mkdir(parents=True, exist_ok=True)
    postgres, redis_url = SHARED_POSTGRES, SHARED_REDIS
    if problem := postgres_usable(postgres):
        say(f"the shared PostgreSQL is not usable ({problem}); starting one of our own")
        postgres = start_postgres(state)
    if problem := redis_usable(redis_url):
        say(f"the shared Redis is not usable ({problem}); starting one of our own")
        redis_url = start_redis(state)
    say(f"PostgreSQL {postgres}, Redis {redis_url}")
    sys.stdout.write(f"export DATABASE_URL={postgres}\nexport REDIS_URL={redis_url}\n")


def down(state: Path) -> None:
    pid_file = state / "redis" / "pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        except (ProcessLookupError, ValueError):
            pass
    home_file = state / "postgres-home"
    if home_file.exists():
        home = Path(home_file.read_text())
        command = [pg_tool("pg_ctl"), "-D", str(home / "data"), "-m", "fast", "-w", "stop"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    action, directory = sys.argv[1], Path(sys.argv[2])
    {"up": up, "down": down}[action](directory)
