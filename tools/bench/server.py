"""The processes under test: `manage.py serve` as `make run` starts it, and the nginx baseline.

Each runs in a session of its own, so Ctrl-C in the terminal reaches only the benchmark,
which then stops them itself; whatever happens, `stop()` leaves no process of theirs behind.
"""

import os
import pwd
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Variables that would point the server somewhere other than the generated data directory.
FOREIGN_VARIABLES = (
    "DATABASE_URL",
    "PAGE_CACHE_SECONDS",
    "PAGE_CACHE_LOCAL_BYTES",
    "WEB_CONCURRENCY",
    "MEDIA_ROOT",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_CMD_ARGS",
    "WEB_SERVER",
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def url_wait(url: str, *, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Wait until `url` answers 200; RuntimeError if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server exited with code {process.returncode}.")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:g} seconds.")


def process_tree(root_pid: int) -> dict[int, tuple[int, str]]:
    """Every live descendant of `root_pid` (and itself): pid → (parent pid, command line)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        # The command name in stat is in parentheses and may itself contain spaces.
        table[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmdline)
    tree, frontier = {}, [root_pid]
    while frontier:
        pid = frontier.pop()
        if pid in table:
            tree[pid] = table[pid]
            frontier += [child for child, (parent, _) in table.items() if parent == pid]
    return tree


def rss_bytes(pid: int) -> int:
    """The resident memory of a process, 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def stat_fields(stat: str) -> list[str]:
    """The fields of a /proc/<pid>/stat line after the command name (field 3 onwards).

    The name is in parentheses and may itself contain spaces and parentheses.
    """
    return stat.rsplit(")", 1)[1].split()


def stat_cpu_ticks(stat: str, *, reaped: bool = False) -> int:
    """User plus system time in a stat line, in clock ticks; with `reaped`, also the time of
    the children this process has waited for (cutime, cstime: gunicorn's replaced workers)."""
    fields = stat_fields(stat)
    # utime, stime, cutime, cstime are fields 14-17 of proc(5), 11-14 here.
    ticks = int(fields[11]) + int(fields[12])
    if reaped:
        ticks += int(fields[13]) + int(fields[14])
    return ticks


def cpu_ticks(pid: int, *, reaped: bool = False) -> int:
    """User plus system CPU time a process has used, in clock ticks; 0 if it is gone."""
    try:
        return stat_cpu_ticks(Path(f"/proc/{pid}/stat").read_text(), reaped=reaped)
    except OSError:
        return 0


def tree_cpu_ticks(root_pid: int) -> int:
    """CPU time of a process tree: every live process's own, plus its reaped children's.

    A child that exits moves from being counted itself to its parent's cutime/cstime once the
    parent has waited for it, so the sum never loses a replaced worker.
    """
    return sum(cpu_ticks(pid, reaped=True) for pid in process_tree(root_pid))


def cpu_ms_per_request(ticks: int, requests: int, *, hz: int | None = None) -> float:
    """Server CPU milliseconds per request from ticks spent during a run of `requests`."""
    hz = hz or os.sysconf("SC_CLK_TCK")
    return ticks * 1000 / hz / requests if requests else 0.0


def smaps_rollup_pss(text: str) -> int:
    """The proportional set size in a /proc/<pid>/smaps_rollup, in bytes: shared pages count
    a share each, so the sum over processes is what they really take together."""
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def pss_bytes(pid: int) -> int:
    """The PSS of a process, 0 if it is gone (or the kernel has no smaps_rollup)."""
    try:
        return smaps_rollup_pss(Path(f"/proc/{pid}/smaps_rollup").read_text())
    except OSError:
        return 0


# What the web server's processes have in their command lines, whichever server `serve` started.
WEB_SERVER_MARKERS = ("gunicorn", "kabar.ops.granian_serve")
PROCESS_ROLES = ("supervisor", "web server master", "web server workers", "task worker")


# What granian's master names the task worker and its keeper it forks (kabar/ops/task_fork.py);
# their command lines stay the master's.
TASK_WORKER_NAMES = ("task-worker", "task-keeper")


def process_name(pid: int) -> str:
    """The process's name (/proc/PID/comm), "" once it is gone."""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def process_role(pid: int, parent: int, cmdline: str, *, root_pid: int, name: str = "") -> str:
    """Which part of the stack a process of `manage.py serve` (root_pid) is."""
    if pid == root_pid:  # its command line names the web server among its children
        return "supervisor"
    if name in TASK_WORKER_NAMES:
        return "task worker"
    if any(marker in cmdline for marker in WEB_SERVER_MARKERS):
        return "web server master" if parent == root_pid else "web server workers"
    if " worker " in f" {cmdline} ":
        return "task worker"
    return "other"


class MemorySampler(threading.Thread):
    """Samples the summed RSS and PSS of the web server's master and workers and of the whole
    stack, and the PSS of each part of it (PROCESS_ROLES); keeps the peaks, those of the start
    apart (serving_begin)."""

    def __init__(self, root_pid: int, interval: float = 0.25):
        super().__init__(name="memory-sampler", daemon=True)
        self.root_pid, self.interval = root_pid, interval
        self.peak_gunicorn = self.peak_all = 0
        self.peak_pss_gunicorn = self.peak_pss_all = 0
        self.peak_pss_roles: dict[str, int] = {}
        self.peak_start = self.peak_pss_start = 0
        self.halt = threading.Event()

    def sample(self) -> None:
        tree = process_tree(self.root_pid)
        roles = {
            pid: process_role(pid, parent, cmdline, root_pid=self.root_pid, name=process_name(pid))
            for pid, (parent, cmdline) in tree.items()
        }
        web = [pid for pid, role in roles.items() if role.startswith("web server")]
        rss = {pid: rss_bytes(pid) for pid in tree}
        pss = {pid: pss_bytes(pid) for pid in tree}
        self.peak_gunicorn = max(self.peak_gunicorn, sum(rss[pid] for pid in web))
        self.peak_all = max(self.peak_all, sum(rss.values()))
        self.peak_pss_gunicorn = max(self.peak_pss_gunicorn, sum(pss[pid] for pid in web))
        self.peak_pss_all = max(self.peak_pss_all, sum(pss.values()))
        for role in set(roles.values()):
            total = sum(pss[pid] for pid in tree if roles[pid] == role)
            self.peak_pss_roles[role] = max(self.peak_pss_roles.get(role, 0), total)

    def serving_begin(self) -> None:
        """The site answers: from now on the peaks are the running stack's. Until now the root
        process was `manage.py serve` preparing, with a whole Django (migrate reads every app's
        migrations; the first start compresses the static files) before it replaces itself with
        the supervisor: a one-off that ends before the stack starts, kept as the start's peak."""
        self.peak_start, self.peak_pss_start = self.peak_all, self.peak_pss_all
        self.peak_gunicorn = self.peak_all = self.peak_pss_gunicorn = self.peak_pss_all = 0
        self.peak_pss_roles = {}

    def run(self):
        while not self.halt.wait(self.interval):
            self.sample()

    def stop(self):
        self.halt.set()
        self.join(timeout=5)


def group_stop(process: subprocess.Popen, *, first: int = signal.SIGTERM, grace: float = 40):
    """Ask the process to stop, wait, then kill whatever is left in its process group."""
    if process.poll() is None:
        process.send_signal(first)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


class KabarServer:
    """`manage.py serve` on a free port of 127.0.0.1 with the given data directory."""

    def __init__(self, *, data_dir: Path, log_path: Path, env: dict[str, str]):
        self.data_dir, self.log_path, self.extra_env = data_dir, log_path, env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.memory: MemorySampler | None = None

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in FOREIGN_VARIABLES}
        env.update(
            KABAR_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="kabar.settings.bench",
            HOST="127.0.0.1",
            PORT=str(self.port),
            SITE_URL=self.url,
            GUNICORN_ACCESS_LOG="",  # an access log line per request would be measured too
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def start(self, *, timeout: float = 300) -> "KabarServer":
        with self.log_path.open("ab") as log:
            command = [sys.executable, "manage.py", "serve", "--host", "127.0.0.1"]
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                cwd=BASE_DIR,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.memory = MemorySampler(self.process.pid)
        self.memory.start()
        try:
            url_wait(f"{self.url}/", timeout=timeout, process=self.process)
        except BaseException:
            self.stop()
            raise
        self.memory.serving_begin()
        return self

    def idle_wait(self, *, timeout: float = 120, step: float = 0.5) -> None:
        """Wait until the server has finished what it was doing (requests wrk left in flight).

        wrk stops without waiting for its last responses; the server still renders them, and
        the next measurement would otherwise start behind that queue.
        """
        busy_ticks = os.sysconf("SC_CLK_TCK") * step * 0.1  # under 10 % of one core
        deadline = time.monotonic() + timeout
        before = sum(cpu_ticks(pid) for pid in process_tree(self.process.pid))
        while time.monotonic() < deadline:
            time.sleep(step)
            now = sum(cpu_ticks(pid) for pid in process_tree(self.process.pid))
            if now - before <= busy_ticks:
                return
            before = now

    def cpu_ticks(self) -> int:
        """CPU time the whole server has used so far (replaced workers included)."""
        return tree_cpu_ticks(self.process.pid)

    def stop(self) -> None:
        if self.memory is not None:
            self.memory.stop()
        if self.process is not None:
            group_stop(self.process)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def nginx_config(*, prefix: Path, root: Path, port: int, run_as_root: bool) -> str:
    """An nginx.conf serving the files of `root`, all its own files under `prefix`."""
    # Started by root, nginx's workers would drop to "nobody", who cannot read a private
    # temporary directory; as anyone else the directive is ignored.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if run_as_root else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {prefix / (kind + '_temp')};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}daemon off;
worker_processes auto;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
{temp_paths}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{
            try_files $uri =404;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    for candidate in ("nginx", "/usr/sbin/nginx"):
        found = subprocess.run(["sh", "-c", f"command -v {candidate}"], capture_output=True)
        if found.returncode == 0:
            return found.stdout.decode().strip()
    raise RuntimeError("nginx is not installed; `make bench` installs it.")


class NginxBaseline:
    """nginx serving saved pages, each at /NAME.html, in the foreground, from a directory of its
    own."""

    def __init__(self, *, prefix: Path, pages: dict[str, bytes]):
        self.prefix = prefix
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None
        prefix.mkdir(parents=True, exist_ok=True)
        for name, html in pages.items():
            (prefix / f"{name}.html").write_bytes(html)
        self.first = self.page_url(next(iter(pages)))
        self.config = prefix / "nginx.conf"
        self.config.write_text(
            nginx_config(prefix=prefix, root=prefix, port=self.port, run_as_root=os.geteuid() == 0)
        )

    def start(self) -> "NginxBaseline":
        binary = nginx_binary()
        with (self.prefix / "stderr.log").open("ab") as log:
            self.process = subprocess.Popen(
                [binary, "-p", str(self.prefix), "-c", str(self.config), "-e", "stderr"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        try:
            url_wait(self.first, timeout=20, process=self.process)
        except BaseException:
            self.stop()
            raise
        return self

    def page_url(self, name: str) -> str:
        return f"{self.url}{name}.html"

    def cpu_ticks(self) -> int:
        return tree_cpu_ticks(self.process.pid)

    def stop(self) -> None:
        if self.process is not None:
            group_stop(self.process, first=signal.SIGQUIT, grace=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
