"""deploy/systemd/: `systemd-analyze verify` accepts the units once their paths are this
machine's, and they run what `manage.py serve` runs."""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

UNITS_DIR = Path(settings.BASE_DIR) / "deploy" / "systemd"
UNITS = ("kabar-web.service", "kabar-worker.service", "kabar-migrate.service")

pytestmark = pytest.mark.skipif(
    not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed"
)


def unit_here(name: str, tmp_path: Path) -> str:
    """The unit with the install's paths replaced by ones that exist here."""
    env_file = tmp_path / "kabar.env"
    env_file.write_text((UNITS_DIR / "kabar.env.example").read_text())
    (tmp_path / "data").mkdir(exist_ok=True)
    return (
        (UNITS_DIR / name)
        .read_text()
        .replace("/opt/kabar/.venv/bin/python", sys.executable)
        .replace("/opt/kabar", str(settings.BASE_DIR))
        .replace("/etc/kabar/kabar.env", str(env_file))
        .replace("/var/lib/kabar", str(tmp_path / "data"))
    )


def test_systemd_accepts_the_units(tmp_path):
    units = tmp_path / "units"
    units.mkdir()
    for name in UNITS:
        (units / name).write_text(unit_here(name, tmp_path))
    verified = subprocess.run(
        ["systemd-analyze", "verify", *(str(units / name) for name in UNITS)],
        capture_output=True,
        text=True,
        cwd=units,
    )
    # Complaints about the host's own units (none of ours) are not this test's business.
    ours = [line for line in verified.stderr.splitlines() if "kabar" in line]
    assert verified.returncode == 0 and not ours, verified.stderr


def exec_start(name: str) -> list[list[str]]:
    lines = (UNITS_DIR / name).read_text().splitlines()
    return [shlex.split(line.split("=", 1)[1]) for line in lines if line.startswith("ExecStart=")]


def test_the_units_run_what_serve_runs():
    from kabar.ops.management.commands.serve import web_server_argv

    [web] = exec_start("kabar-web.service")
    assert web[1:] == web_server_argv("granian")[1:]
    [worker] = exec_start("kabar-worker.service")
    assert worker[1:5] == ["manage.py", "worker", "--no-reload", "--queue-name"]
    assert worker[5] == "*" and "--scheduler-interval" in worker
    migrate = exec_start("kabar-migrate.service")
    assert [argv[2] for argv in migrate] == ["migrate", "createcachetable", "collectstatic"]


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_is_hardened_and_reads_the_environment_file(name):
    text = (UNITS_DIR / name).read_text()
    for line in (
        "EnvironmentFile=/etc/kabar/kabar.env",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/kabar",
        "PrivateTmp=yes",
        "User=kabar",
    ):
        assert line in text.splitlines(), line
