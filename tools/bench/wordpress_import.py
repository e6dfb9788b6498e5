"""WordPress import benchmark: posts per second and peak memory on generated exports.

    uv run python -m tools.bench.wordpress_import --posts 10000 100000 --import 100000

Reading is timed in this process and measured with tracemalloc (the parser's own allocations).
Each import runs in a fresh child process on a throwaway SQLite database in a temporary folder
(migrated first, not timed), so the site's own database is never touched, and is measured with
that process's peak resident set size (`ru_maxrss`): tracemalloc would slow the import down
several times over, and the import's memory includes Django's and SQLite's.
Not part of the test suite.
"""

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

BASE_DIR = Path(__file__).resolve().parents[2]
# Settings the throwaway database's process must not inherit: outside services of this site.
INHERITED_SERVICES = ("REDIS_URL", "CACHE_TABLE", "MEDIA_ROOT", "AWS_STORAGE_BUCKET_NAME")

PARAGRAPH = (
    "JAKARTA (ANTARA) – Pemerintah memastikan penanganan banjir terus berjalan, kata pejabatnya "
    "di Jakarta, Senin. Evaluasi menyeluruh akan dilakukan setelah seluruh tahapan rampung."
)


@dataclass
class BenchmarkResult:
    posts: int
    seconds: float
    peak_bytes: int
    file_bytes: int

    @property
    def posts_per_second(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def wxr_generate(path: Path, *, posts: int) -> Path:
    """Write an export with `posts` classic-editor posts, item by item (memory stays flat)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Benchmark</title><link>http://bench.test</link>"
            "<wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:base_blog_url>http://bench.test</wp:base_blog_url>\n"
            "<wp:author><wp:author_id>1</wp:author_id><wp:author_login>redaksi</wp:author_login>"
            "<wp:author_display_name>Redaksi</wp:author_display_name></wp:author>\n"
            "<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>berita"
            "</wp:category_nicename><wp:cat_name>Berita</wp:cat_name></wp:category>\n"
        )
        for n in range(1, posts + 1):
            day = 1 + n % 28
            out.write(
                f"<item><title>Berita nomor {n}</title>"
                f"<link>http://bench.test/2025/08/{day:02d}/berita-{n}/</link>"
                "<dc:creator>redaksi</dc:creator>"
                f"<content:encoded><![CDATA[{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}]]>"
                "</content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id>"
                f"<wp:post_date>2025-08-{day:02d} 10:00:00</wp:post_date>"
                f"<wp:post_date_gmt>2025-08-{day:02d} 03:00:00</wp:post_date_gmt>"
                f"<wp:post_name>berita-{n}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type>"
                '<category domain="category" nicename="berita"><![CDATA[Berita]]></category>'
                "</item>\n"
            )
        out.write("</channel>\n</rss>\n")
    return path


def benchmark_run(path: Path, *, posts: int, work) -> BenchmarkResult:
    """Time `work(path)` and trace its peak memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        work(path)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return BenchmarkResult(
        posts=posts, seconds=seconds, peak_bytes=peak, file_bytes=path.stat().st_size
    )


def wxr_read_all(path: Path) -> None:
    from kabar.ingest.wxr.parse import wxr_read

    for _record in wxr_read(path):
        pass


@dataclass
class ImportBenchmarkResult:
    posts: int
    created: int
    seconds: float
    cpu_seconds: float
    start_rss_bytes: int
    peak_rss_bytes: int
    phase_seconds: dict[str, float] = field(default_factory=dict)
    fatal: str = ""

    @property
    def posts_per_second(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


def peak_rss_bytes() -> int:
    """The most memory this process has held so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def cpu_seconds() -> float:
    """CPU time this process has used so far: unlike wall time, other programs don't add to it."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def import_benchmark(path: Path, *, posts: int) -> ImportBenchmarkResult:
    """Import the export for real into the current database, timing each phase."""
    from kabar.ingest.services import wxr_import

    phase_started: dict[str, float] = {}

    def progress(phase: str, done: int, total: int) -> None:
        phase_started.setdefault(phase, time.perf_counter())

    start_rss, start_cpu = peak_rss_bytes(), cpu_seconds()
    started = time.perf_counter()
    summary = wxr_import(source=path, progress=progress)
    finished = time.perf_counter()
    marks = sorted(phase_started.items(), key=lambda item: item[1]) + [("", finished)]
    phases = {name: marks[n + 1][1] - began for n, (name, began) in enumerate(marks[:-1])}
    return ImportBenchmarkResult(
        posts=posts,
        created=summary.counts["post"]["created"],
        seconds=finished - started,
        cpu_seconds=cpu_seconds() - start_cpu,
        start_rss_bytes=start_rss,
        peak_rss_bytes=peak_rss_bytes(),
        phase_seconds=phases,
        fatal=summary.fatal,
    )


class BenchmarkError(Exception):
    """A step of the benchmark failed; the message says which and why."""


def import_in_child(path: Path, *, posts: int, folder: Path) -> ImportBenchmarkResult:
    """Migrate a throwaway SQLite database in `folder`, then import `path` into it in a child."""
    data_dir = folder / f"site-{posts}"
    data_dir.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_SERVICES}
    env.update(
        KABAR_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'bench.sqlite3'}",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        DJANGO_SETTINGS_MODULE="kabar.settings.base",
    )
    run = {"env": env, "cwd": BASE_DIR, "capture_output": True, "text": True, "check": False}
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **run)
    if migrated.returncode:
        raise BenchmarkError(migrated.stderr)
    child = [sys.executable, "-m", __spec__.name, "--posts", str(posts), "--child-import", path]
    imported = subprocess.run(child, **run)
    if imported.returncode:
        raise BenchmarkError(imported.stderr)
    return ImportBenchmarkResult(**json.loads(imported.stdout.strip().splitlines()[-1]))


def read_report(result: BenchmarkResult) -> str:
    return (
        f"read   {result.posts:>7} posts  {result.file_bytes / 1e6:8.1f} MB file  "
        f"{result.posts_per_second:9.0f} posts/s  peak {result.peak_bytes / 1e6:6.2f} MB "
        "(tracemalloc)"
    )


def import_report(result: ImportBenchmarkResult) -> str:
    if result.fatal:
        raise BenchmarkError(result.fatal)
    phases = ", ".join(f"{name} {secs:.1f} s" for name, secs in result.phase_seconds.items())
    return (
        f"import {result.posts:>7} posts  {result.created:>7} created  "
        f"{result.seconds:8.1f} s ({result.cpu_seconds:.1f} s CPU)  "
        f"{result.posts_per_second:9.1f} posts/s  "
        f"peak {result.peak_rss_bytes / 1e6:6.0f} MB RSS "
        f"(from {result.start_rss_bytes / 1e6:.0f} MB; {phases})"
    )


def arguments_parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=f"python -m {__spec__.name}", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--posts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--import",
        dest="do_import",
        type=int,
        default=0,
        metavar="N",
        help="Also import the exports of up to N posts, each into a throwaway database.",
    )
    parser.add_argument(
        "--in-this-database",
        action="store_true",
        help="Import into the configured database, in this process (for tests only).",
    )
    # Internal: the child process that imports one export into the throwaway database.
    parser.add_argument("--child-import", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, stdout: TextIO = sys.stdout) -> None:
    options = arguments_parse(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kabar.settings.base")
    import django
    from django.apps import apps

    if not apps.ready:  # under pytest the test run has set Django up already
        django.setup()

    def out(line: str) -> None:
        stdout.write(line + "\n")
        stdout.flush()

    if options.child_import:
        # The child process: import, then hand the figures back as one JSON line.
        result = import_benchmark(options.child_import, posts=options.posts[0])
        out(json.dumps(dataclasses.asdict(result)))
        return
    with tempfile.TemporaryDirectory(prefix="kabar-import-bench-") as folder:
        for posts in options.posts:
            path = wxr_generate(Path(folder) / f"bench-{posts}.xml", posts=posts)
            out(read_report(benchmark_run(path, posts=posts, work=wxr_read_all)))
            if posts > options.do_import:
                continue
            if options.in_this_database:
                result = import_benchmark(path, posts=posts)
            else:
                result = import_in_child(path, posts=posts, folder=Path(folder))
            out(import_report(result))


if __name__ == "__main__":
    try:
        main()
    except BenchmarkError as error:
        sys.exit(f"WordPress import benchmark failed: {error}")
