"""Generated WordPress exports of any size, and how fast and lean reading and importing them is."""

import time
import tracemalloc
from dataclasses import dataclass
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
