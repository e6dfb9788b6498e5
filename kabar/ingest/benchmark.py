"""Generated WordPress exports of any size, and how fast and lean reading and importing them is.

Reading is measured with tracemalloc (the parser's own allocations). Importing is measured
with the process's peak resident set size (`ru_maxrss`): tracemalloc would slow the import
down several times over, and the import's memory includes Django's and SQLite's.
"""

import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from kabar.ingest.wxr.parse import wxr_read

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
