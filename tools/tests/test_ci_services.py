"""CI's second pass never depends on the shared servers being in good shape: when one does not
answer, tools/ci_services.py starts a server of its own and stops it afterwards."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis

from tools.ci_services import free_port, pg_tool

SCRIPT = Path(__file__).resolve().parents[1] / "ci_services.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
    pytest.mark.skipif(not pg_tool("initdb"), reason="PostgreSQL's server is not installed"),
]


def services(action, state, **shared):
    env = {**os.environ, **shared}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), action, str(state)],
        env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def exported(stdout):
    lines = [line.removeprefix("export ") for line in stdout.splitlines()]
    return dict(line.split("=", 1) for line in lines)


def test_servers_that_do_not_answer_are_replaced_by_our_own_and_stopped_afterwards(tmp_path):
    dead = free_port()  # nothing listens here
    state = tmp_path / "services"
    up = services(
        "up",
        state,
        CI_SHARED_REDIS=f"redis://127.0.0.1:{dead}/0",
        CI_SHARED_POSTGRES=f"postgres://postgres@127.0.0.1:{dead}/test",
    )
    urls = exported(up.stdout)
    assert "shared Redis is not usable" in up.stderr
    assert f":{dead}/" not in urls["REDIS_URL"] + urls["DATABASE_URL"]

    client = redis.Redis.from_url(urls["REDIS_URL"])
    assert client.set("tulisan", "1") and client.get("tulisan") == b"1"
    with psycopg.connect(urls["DATABASE_URL"]) as connection:
        connection.autocommit = True
        connection.execute("CREATE DATABASE test_test")  # what pytest-django does

    services("down", state)
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(urls["REDIS_URL"], socket_connect_timeout=2).ping()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(urls["DATABASE_URL"], connect_timeout=2)
    assert not state.exists()


def test_shared_servers_that_answer_are_used_as_they_are(tmp_path):
    shared_redis = redis.Redis(socket_connect_timeout=2)
    try:
        shared_redis.ping()
        psycopg.connect("postgres://postgres@127.0.0.1:5432/test", connect_timeout=2).close()
    except (redis.RedisError, psycopg.Error):
        pytest.skip("the machine's shared servers are not running")
    up = services("up", tmp_path / "services")
    assert exported(up.stdout) == {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
