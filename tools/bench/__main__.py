"""`make bench`: serve a generated newsroom as `make run` does and load it with wrk.

    uv run python -m tools.bench [--articles 10000] [--duration 10] [--connections 32]
        [--flatness 1000,100000] [--workers 1,2,3,4] [--keep] [--report bench.md]

Prints Markdown tables: requests/s and p50/p99 latency for each page with and without the
page cache, beside nginx serving the saved hot article; the server's peak memory; gunicorn
process counts compared; and the uncached figures at other archive sizes. docs/performance.md
explains the rows. Everything lives in a temporary directory, removed unless --keep.
"""

import argparse
import json
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

from kabar.ops.granian_serve import web_concurrency_default

from . import run
from .generate import manifest_path
from .report import Report, Row, load_average, machine_describe, report_markdown
from .run import Load, out
from .server import KabarServer, NginxBaseline
from .topology import topology_measure

THREADS = os.environ.get("GUNICORN_THREADS", "4")
UNCACHED = {"PAGE_CACHE_SECONDS": "0"}
BEACON_UNLIMITED = {"VIEW_BEACON_PER_MINUTE": "1000000000"}
PAGE_LABELS = {
    "article": "hot article (20 comments)",
    "home": "home page",
    "section": "section page",
    "search": "search /cari/?q=pembangunan",
    "feed": "RSS /feed/",
    "comments": "comments fragment (uncacheable)",
    "live": "live coverage updates fragment (40 updates)",
    "missing": "404 page, one address (uncacheable)",
}
# Servers measured beside the default on the cached pages, to show what each change is worth.
VARIANTS = {
    "workers recycled every ~2,000 requests (as before issue 15, but preloaded)": {
        "WEB_SERVER": "gunicorn",
        "GUNICORN_MAX_REQUESTS": "2000",
    },
    "no pages kept in process memory": {"PAGE_CACHE_LOCAL_BYTES": "0"},
}
VARIANT_PAGES = ["article", "home"]
# Other production servers `serve` can start (WEB_SERVER), measured uncached and cached beside
# the default on the same database: the comparison the default was chosen by.
SERVERS = {"granian": {"WEB_SERVER": "granian"}, "gunicorn": {"WEB_SERVER": "gunicorn"}}
SERVER_PAGES = ["article", "home", "section", "feed"]
# The pages the page cache keeps, each also served by nginx from its saved bytes: a row's
# ÷ nginx compares it with nginx serving the same bytes (issue 15's measure).
BASELINE_PAGES = ["article", "home", "section", "feed", "live"]


# Issue 15: a cached page answers every one of this many connections at once, without error.
CROWD_CONNECTIONS = 256

# Readers with a live-coverage story open, each browser asking for its updates every 15 s.
LIVE_READERS, LIVE_POLL_SECONDS = 1_000, 15


def live_polling_cost(result) -> str:
    """What LIVE_READERS polling the updates fragment cost the server, from its cached row."""
    rate = LIVE_READERS / LIVE_POLL_SECONDS
    if not result.cpu_ms:
        return f"{LIVE_READERS:,} readers every {LIVE_POLL_SECONDS} s: {rate:.0f} req/s"
    share = rate * result.cpu_ms / 1000
    return (
        f"{LIVE_READERS:,} readers every {LIVE_POLL_SECONDS} s = {rate:.0f} req/s × "
        f"{result.cpu_ms:.2f} CPU-ms = {share:.1%} of one core "
        f"(the fragment served {result.requests_per_second:,.0f} req/s at most)"
    )


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="size of the main newsroom")
    parser.add_argument("--duration", type=float, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument(
        "--flatness",
        type=sizes,
        default="1000,100000",
        help="archive sizes for the uncached table; '' skips it",
    )
    parser.add_argument(
        "--flatness-duration", type=float, default=10, help="seconds per flatness measurement"
    )
    parser.add_argument(
        "--workers", type=sizes, default="1,2,3,4", help="gunicorn process counts; '' skips"
    )
    parser.add_argument(
        "--no-variants", action="store_true", help="skip the cached rows of other settings"
    )
    parser.add_argument(
        "--servers",
        type=lambda text: [name.strip() for name in text.split(",") if name.strip()],
        default="granian,gunicorn",
        help="web servers to compare (WEB_SERVER) besides the default run; '' skips",
    )
    parser.add_argument(
        "--no-topology",
        action="store_true",
        help="skip the rows of two nodes behind Varnish (make cluster's topology)",
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--report", type=Path, help="also write the Markdown report here")
    return parser.parse_args(argv)


class Bench:
    def __init__(self, args, root: Path):
        self.args, self.root = args, root
        self.static_root = root / "static"
        self.logs = root / "logs"
        self.logs.mkdir()
        scripts = root / "scripts"
        scripts.mkdir()
        self.load = Load(duration=args.duration, connections=args.connections, scripts=scripts)
        self.flat_load = Load(args.flatness_duration, args.connections, scripts)
        self.crowd_load = Load(args.duration, CROWD_CONNECTIONS, scripts)
        self.report = Report(machine=machine_describe())
        self.main_dir = root / f"data-{args.articles}"
        # nginx serving each of BASELINE_PAGES, by name (main_run measures them).
        self.baselines: dict = {}

    def server(self, data_dir: Path, name: str, env: dict[str, str]) -> KabarServer:
        run.static_marker_share(source=self.main_dir, target=data_dir)
        env = {"STATIC_ROOT": str(self.static_root), **env}
        return KabarServer(data_dir=data_dir, log_path=self.logs / f"{name}.log", env=env)

    def generate(self, data_dir: Path, articles: int) -> dict:
        out(f"Generating {articles:,} articles in {data_dir}…")
        began = time.monotonic()
        newsroom = run.newsroom_generate(data_dir=data_dir, articles=articles, seed=self.args.seed)
        newsroom["wall_seconds"] = round(time.monotonic() - began, 1)
        return newsroom

    def main_run(self) -> None:
        newsroom = self.generate(self.main_dir, self.args.articles)
        report, names = self.report, list(PAGE_LABELS)
        out("Serving it without the page cache (PAGE_CACHE_SECONDS=0)…")
        urls = run.page_urls(newsroom)
        with self.server(self.main_dir, "uncached", UNCACHED) as server:
            saved = {name: run.url_get(server.url + urls[name])[2] for name in BASELINE_PAGES}
            uncached = run.pages_measure(server, newsroom, load=self.load, names=names)
        report.memory.append(("uncached", server.memory))
        out("Serving the saved pages with nginx…")
        with NginxBaseline(prefix=self.root / "nginx", pages=saved) as nginx:
            for name in BASELINE_PAGES:
                result = run.measure(nginx.page_url(name), load=self.load, server=nginx)
                self.baselines[name] = result
                out(f"  nginx, {name}: {result.requests_per_second:,.1f} req/s")
        report.baseline = self.baselines["article"]
        report.page_baselines = {
            PAGE_LABELS[name]: result
            for name, result in self.baselines.items()
            if name != "article"
        }
        out("Serving it as `make run` does (page cache on)…")
        # As `make run`, but with no per-address limit on the view beacon: every view the load
        # generator (one address) sends is counted, which is the work being measured.
        with self.server(self.main_dir, "cached", BEACON_UNLIMITED) as server:
            form = run.comment_form_fetch(server, newsroom)
            cached = run.pages_measure(server, newsroom, load=self.load, names=names)
            out("  sending view beacons…")
            beacons = run.beacon_measure(server, newsroom, load=self.load)
            out("  posting comments…")
            posted, stored = run.comment_post_measure(
                server, form=form, newsroom=newsroom, data_dir=self.main_dir, load=self.load
            )
        report.memory.append(("cached", server.memory))
        # A server of its own, so that its memory at this many connections shows apart.
        out(f"The hot article at {CROWD_CONNECTIONS} connections (page cache on)…")
        with self.server(self.main_dir, "crowd", {}) as server:
            crowd = run.pages_measure(server, newsroom, load=self.crowd_load, names=["article"])
        report.memory.append((f"cached, {CROWD_CONNECTIONS} connections", server.memory))
        for name in names:
            baseline = self.baselines.get(name)
            report.rows.append(Row(PAGE_LABELS[name], "off", uncached[name], baseline))
            report.rows.append(Row(PAGE_LABELS[name], "on", cached[name], baseline))
        crowd_label = f"{PAGE_LABELS['article']}, {CROWD_CONNECTIONS} connections"
        report.rows.append(Row(crowd_label, "on", crowd["article"], self.baselines["article"]))
        report.rows.append(Row("comment POST (accepted, JSON)", "–", posted))
        report.rows.append(Row("view beacon POST (counted, 204)", "–", beacons))
        report.comments = {
            "POSTs completed (wrk)": posted.requests,
            "answered 201 Created": posted.expected or 0,
            "answered otherwise": posted.unexpected or 0,
            **{f"new {status} comments in the database": n for status, n in stored.items()},
        }
        report.flatness.append(
            {"articles": self.args.articles, **{n: uncached[n] for n in ("article", "home")}}
            | {"section": uncached["section"], "generate": newsroom["wall_seconds"]}
        )
        report.settings.update(
            {
                "Articles": f"{self.args.articles:,} (generated in {newsroom['wall_seconds']} s)",
                "Web server": f"`manage.py serve`'s default, {web_concurrency_default()} "
                f"processes (the default) × {THREADS} threads",
                "Load": f"wrk, 2 threads, {self.args.connections} connections, "
                f"{self.args.duration:g} s per row, after {run.WARM_UP_REQUESTS} single warm-up "
                "requests and once the server is idle again",
                "Live coverage polling": live_polling_cost(cached["live"]),
            }
        )

    def variants_run(self) -> None:
        newsroom = json.loads(manifest_path(self.main_dir).read_text())
        for label, env in VARIANTS.items():
            out(f"Page cache on, {label}…")
            name = "variant-" + "-".join(f"{k}-{v}" for k, v in env.items()).lower()
            with self.server(self.main_dir, name, env) as server:
                results = run.pages_measure(server, newsroom, load=self.load, names=VARIANT_PAGES)
            for page in VARIANT_PAGES:
                row_name = f"{PAGE_LABELS[page]}, {label}"
                baseline = self.baselines.get(page)
                self.report.rows.append(Row(row_name, "on", results[page], baseline))
            self.report.memory.append((f"cached, {label}", server.memory))

    def servers_run(self) -> None:
        """Each web server uncached and cached on the same pages, one after the other, so the
        comparison shares the machine's state as closely as a shared machine allows."""
        newsroom = json.loads(manifest_path(self.main_dir).read_text())
        for name in self.args.servers:
            env = SERVERS[name]
            for cache, extra in (("off", UNCACHED), ("on", {})):
                out(f"{name}, page cache {cache}…")
                label = f"server-{name}-{'uncached' if extra else 'cached'}"
                with self.server(self.main_dir, label, env | extra) as server:
                    results = run.pages_measure(
                        server, newsroom, load=self.load, names=SERVER_PAGES
                    )
                for page in SERVER_PAGES:
                    row_name = f"{PAGE_LABELS[page]}, {name}"
                    baseline = self.baselines.get(page)
                    self.report.rows.append(Row(row_name, cache, results[page], baseline))
                self.report.memory.append((f"{name}, page cache {cache}", server.memory))

    def workers_run(self) -> None:
        newsroom = json.loads(manifest_path(self.main_dir).read_text())
        for count in self.args.workers:
            out(f"{count} gunicorn process(es)…")
            env = {"WEB_CONCURRENCY": str(count)}
            with self.server(self.main_dir, f"workers-{count}-uncached", env | UNCACHED) as s:
                home = run.pages_measure(s, newsroom, load=self.load, names=["home"])["home"]
            peak = s.memory.peak_gunicorn
            with self.server(self.main_dir, f"workers-{count}-cached", env) as s:
                article = run.pages_measure(s, newsroom, load=self.load, names=["article"])
            peak = max(peak, s.memory.peak_gunicorn)
            self.report.workers.append(
                {"workers": count, "threads": THREADS, "home": home}
                | {"article": article["article"], "peak": peak}
            )

    def flatness_run(self) -> None:
        for articles in self.args.flatness:
            if articles == self.args.articles:
                continue
            data_dir = self.root / f"data-{articles}"
            newsroom = self.generate(data_dir, articles)
            out(f"Serving {articles:,} articles without the page cache…")
            with self.server(data_dir, f"flatness-{articles}", UNCACHED) as server:
                names = ["article", "home", "section"]
                results = run.pages_measure(server, newsroom, load=self.flat_load, names=names)
            self.report.flatness.append(
                {"articles": articles, **results, "generate": newsroom["wall_seconds"]}
            )
            if not self.args.keep:
                shutil.rmtree(data_dir, ignore_errors=True)
        self.report.flatness.sort(key=lambda size: size["articles"])


def exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def main(argv=None) -> None:
    args = parse_args(argv)
    # A plain `kill` should clean up like Ctrl-C does: the finally blocks stop the servers.
    signal.signal(signal.SIGTERM, exit_on_signal)
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    out(f"# Kabar benchmark (working in {root})")
    bench = Bench(args, root)
    try:
        bench.main_run()
        if args.servers:
            bench.servers_run()
        if not args.no_variants:
            bench.variants_run()
        if args.workers:
            bench.workers_run()
        if args.flatness:
            bench.flatness_run()
        if not args.no_topology:
            bench.report.rows += topology_measure(
                root=root, duration=args.duration, connections=args.connections
            )
        bench.report.notes.append(
            "÷ nginx is the row's requests/s divided by nginx's serving the same page's saved "
            "bytes (the hot article's for the rows of other pages), measured on the same "
            "machine in the same run."
        )
        bench.report.machine["Load average at end"] = load_average()
        text = report_markdown(bench.report)
        out("\n" + text)
        if args.report:
            args.report.write_text(text)
    finally:
        if args.keep:
            out(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
