"""Wire desk benchmark: parse + dedupe + upsert throughput and memory.

    uv run python -m tools.bench.wire [--items 10000] [--existing 1000 100000] [--batch 100]
        [--profile wire.prof]

For each archive size in `--existing` a child process migrates a throwaway SQLite database,
stores that many fingerprinted stories (signatures and LSH bands, as `article_fingerprint_save`
writes them for each published article; they belong to wire items of an "archive" source, so
no page tree is needed), then delivers `--items` new stories as ANTARA-shaped RSS documents of
`--batch` items each, a tenth of them lightly edited copies of archived stories. Every document
goes through the real path: `wire_parse` → `wire_batch_upsert` (filters, then the document's
new items stored together: one LSH lookup for all of them, similarity, bulk inserts; one
transaction per document).

One Markdown row per archive size: items/s by the clock and per CPU second of the process (the
honest figure on a shared machine, where the clock also counts other people's work), the CPU
time of parsing alone beside that of storing (parse-only items per CPU second is the same-run
baseline), the resident memory after the first and the last tenth of the items (flat means
nothing accumulates) and the child's peak RSS. Writing the documents is not timed. The schema is
made from the models directly (as pytest-django's --nomigrations does), not by replaying every
migration, which takes minutes. Not part of the test suite; tools/bench/tests runs it tiny.
"""

import argparse
import cProfile
import dataclasses
import html
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import TextIO

from .search import TextMaker

BASE_DIR = Path(__file__).resolve().parents[2]
ARCHIVE_CHUNK = 1000
# Every tenth wire story is a lightly edited copy of an archived one; each archived story is
# copied about once (an agency does not send one story hundreds of times).
COPY_EVERY = 10
# The services a child must not share with whoever runs the benchmark.
INHERITED_SERVICES = ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "KABAR_DATA_DIR")


@dataclass
class WireBenchResult:
    items: int
    stored: int
    seconds: float
    cpu_seconds: float
    parse_cpu_seconds: float
    duplicates: int
    archive_seconds: float
    rss_mb: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    desk_ms: dict[str, float] = field(default_factory=dict)

    @property
    def items_per_second(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def items_per_cpu_second(self) -> float:
        return self.items / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def parse_items_per_cpu_second(self) -> float:
        return self.items / self.parse_cpu_seconds if self.parse_cpu_seconds else 0.0


def rss_mb() -> float:
    """The process's resident memory now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    """The most memory this process has held so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def story(maker: TextMaker) -> tuple[str, str]:
    headline = maker.sentence(8).rstrip(".")
    body = "".join(f"<p>{maker.paragraph()}</p>" for _ in range(4))
    return headline, body


def rss_document(items: list[tuple[str, str, str]], start: datetime) -> bytes:
    """ANTARA's shape: the dateline opens the first paragraph of a CDATA description."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>B</title>']
    for n, (guid, headline, body) in enumerate(items):
        when = format_datetime(start + timedelta(seconds=n))
        parts.append(
            f"<item><title>{html.escape(headline)}</title><guid>{guid}</guid>"
            f"<link>https://www.antaranews.com/berita/{guid}</link><pubDate>{when}</pubDate>"
            f"<category>Ekonomi</category><description><![CDATA["
            f"{body.replace('<p>', '<p>Jakarta (ANTARA) - ', 1)}]]></description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def archive_build(*, count: int, rng: random.Random, source, sample: int) -> list[tuple[str, str]]:
    """Bulk-store `count` fingerprinted stories; return `sample` of them to copy from."""
    from django.db import transaction

    from kabar.ingest.models import WireFingerprint, WireItem
    from kabar.ingest.services.wire_dedupe import (
        bands_insert,
        signature_bands,
        terms_signature,
        text_terms,
    )

    maker = TextMaker(rng)
    every, picked = max(1, count // max(1, sample)), []
    for first in range(0, count, ARCHIVE_CHUNK):
        stories = [story(maker) for _ in range(min(ARCHIVE_CHUNK, count - first))]
        terms = [text_terms(f"{h}\n{b}") for h, b in stories]
        signatures = [terms_signature(t) for t in terms]
        with transaction.atomic():
            items = WireItem.objects.bulk_create(
                WireItem(
                    source=source,
                    guid=f"arsip-{first + n}",
                    headline=h,
                    body_html=b,
                    checksum="-",
                    status="taken",
                    search_text=" ".join(words),
                )
                for n, ((h, b), words) in enumerate(zip(stories, terms, strict=True))
            )
            prints = WireFingerprint.objects.bulk_create(
                WireFingerprint(item=item, signature=s.hashvalues.tobytes(), shingles=s.shingles)
                for item, s in zip(items, signatures, strict=True)
            )
            bands_insert(
                [
                    (fp.pk, key)
                    for fp, s in zip(prints, signatures, strict=True)
                    for key in signature_bands(s)
                ]
            )
        picked.extend(stories[(-first) % every :: every])
    return picked[:sample]


def documents(*, items: int, batch: int, rng: random.Random, sample: list):
    """(number of items, RSS document) for each batch of the wire's stories."""
    maker = TextMaker(rng)
    start = datetime(2024, 10, 30, tzinfo=UTC)
    for first in range(0, items, batch):
        stories = []
        for n in range(first, min(first + batch, items)):
            if n % COPY_EVERY == 0 and sample:
                headline, body = rng.choice(sample)
                body = body.replace("</p>", " Kata dia.</p>", 1)
            else:
                headline, body = story(maker)
            stories.append((f"kawat-{n}", headline, body))
        yield len(stories), rss_document(stories, start + timedelta(minutes=first))


def wire_benchmark(
    *, items: int, existing: int, batch: int, seed: int, profile: Path | None = None
) -> WireBenchResult:
    """Build the archive in the current database, then time the wire's documents through it."""
    from kabar.ingest.models import WireItem, WireSource
    from kabar.ingest.services.wire import WireCounts
    from kabar.ingest.services.wire_poll import wire_batch_upsert
    from kabar.ingest.wire import wire_parse

    rng = random.Random(seed)
    archive = WireSource.objects.create(
        name=f"Arsip {existing}", url="https://a.example/", credit="A"
    )
    began = time.perf_counter()
    sample = archive_build(count=existing, rng=rng, source=archive, sample=items // COPY_EVERY)
    archive_seconds = time.perf_counter() - began
    source = WireSource.objects.create(
        name=f"ANTARA {existing}", url="https://b.example/", credit="ANTARA"
    )
    counts = WireCounts()
    profiler = cProfile.Profile() if profile else None
    seconds = cpu = parse_cpu = 0.0
    memory, done, step = [], 0, max(1, items // 10)
    for size, document in documents(items=items, batch=batch, rng=rng, sample=sample):
        clock, began = time.perf_counter(), cpu_seconds()
        if profiler:
            profiler.enable()
        entries = wire_parse("rss", document, agencies=source.agencies).entries
        parsed = cpu_seconds()
        wire_batch_upsert(source=source, entries=entries, counts=counts)
        if profiler:
            profiler.disable()
        cpu += cpu_seconds() - began
        parse_cpu += parsed - began
        seconds += time.perf_counter() - clock
        if (done + size) // step > done // step:
            memory.append(round(rss_mb(), 1))
        done += size
    if profiler:
        profiler.dump_stats(profile)
    stored = WireItem.objects.filter(source=source).count()
    if stored != items:
        raise RuntimeError(f"{stored} of {items} items stored")
    desk = desk_timings(source=source)
    return WireBenchResult(
        items=items,
        stored=existing,
        seconds=seconds,
        cpu_seconds=cpu,
        parse_cpu_seconds=parse_cpu,
        duplicates=counts.duplicates,
        archive_seconds=archive_seconds,
        rss_mb=memory,
        peak_rss_mb=peak_rss_mb(),
        desk_ms=desk,
    )


# What an editor at the desk asks of the whole table (archive and wire items): no words, a
# common word, a rare one, a word with a status and a source.
DESK_QUERIES = [
    ("", {}),
    ("membangun", {}),
    ("Wakatobi", {}),
    ("membangun", {"status": "new", "source": True}),
]


def desk_timings(*, source) -> dict[str, float]:
    """Milliseconds of CPU for one desk page (counts per status, 50 newest items) per query,
    the best of three."""
    from kabar.ingest.selectors import DeskFilters, wire_desk_page

    timings = {}
    for query, extra in DESK_QUERIES:
        filters = DeskFilters(
            query=query,
            status=extra.get("status", ""),
            source=source.pk if extra.get("source") else None,
        )
        best = float("inf")
        for _ in range(3):
            began = cpu_seconds()
            page, _counts = wire_desk_page(filters=filters, number=1)
            total = page.paginator.count
            best = min(best, cpu_seconds() - began)
        label = " ".join(filter(None, [query or "(no words)", *extra]))
        timings[f"{label}: {total:,} items"] = round(best * 1000, 1)
    return timings


class NoMigrations:
    """Every app without migrations, so `migrate --run-syncdb` creates tables from models."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


def benchmark_in_child(options: argparse.Namespace, *, existing: int) -> WireBenchResult:
    """One archive size in a child process with its own throwaway database (and memory)."""
    with tempfile.TemporaryDirectory(prefix="kabar-bench-wire-", dir=options.work_dir) as folder:
        env = {key: value for key, value in os.environ.items() if key not in INHERITED_SERVICES}
        env.update(
            KABAR_DATA_DIR=folder,
            DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            DJANGO_SETTINGS_MODULE="kabar.settings.base",
        )
        child = [
            sys.executable,
            "-m",
            "tools.bench.wire",
            "--child",
            "--items",
            str(options.items),
            "--existing",
            str(existing),
            "--batch",
            str(options.batch),
            "--seed",
            str(options.seed),
        ]
        if options.profile:
            child += ["--profile", str(Path(options.profile).resolve())]
        done = subprocess.run(child, env=env, cwd=BASE_DIR, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(done.stderr)
        return WireBenchResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def child_run(options: argparse.Namespace) -> WireBenchResult:
    """In the child: the throwaway database's tables, then the benchmark."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.MIGRATION_MODULES = NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)
    return wire_benchmark(
        items=options.items,
        existing=options.existing[0],
        batch=options.batch,
        seed=options.seed,
        profile=options.profile,
    )


TABLE_HEAD = (
    "| stored | items | seconds | items/s | CPU s | items/CPU s | parse-only items/CPU s "
    "| duplicates | RSS at 1/10 → 10/10 | peak RSS |\n"
    "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
)


def result_row(result: WireBenchResult) -> str:
    first, last = (result.rss_mb[0], result.rss_mb[-1]) if result.rss_mb else (0.0, 0.0)
    return (
        f"| {result.stored:,} | {result.items:,} | {result.seconds:.1f} "
        f"| {result.items_per_second:.0f} | {result.cpu_seconds:.1f} "
        f"| {result.items_per_cpu_second:.0f} | {result.parse_items_per_cpu_second:.0f} "
        f"| {result.duplicates:,} | {first:.0f} → {last:.0f} MB | {result.peak_rss_mb:.0f} MB |"
    )


def sizes(text: str) -> int:
    return int(text.replace("_", "").replace(",", ""))


def arguments_parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.wire", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--items", type=sizes, default=10_000, help="new items on the wire")
    parser.add_argument(
        "--existing",
        type=sizes,
        nargs="+",
        default=[1_000, 100_000],
        help="archive sizes, each measured in its own process",
    )
    parser.add_argument("--batch", type=int, default=100, help="items per RSS document")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the timed work")
    parser.add_argument(
        "--work-dir", type=Path, help="where the throwaway databases go (default: the temp dir)"
    )
    parser.add_argument(
        "--in-this-database",
        action="store_true",
        help="Run in the configured database, in this process (for tests only).",
    )
    # Internal: the child process measuring one archive size in its throwaway database.
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, stdout: TextIO = sys.stdout) -> None:
    options = arguments_parse(argv)

    def out(line: str) -> None:
        stdout.write(line + "\n")
        stdout.flush()

    if options.child:
        out(json.dumps(dataclasses.asdict(child_run(options))))
        return
    out(
        f"# Wire desk: {options.items:,} items in RSS documents of {options.batch}, "
        "parsed, deduplicated and stored\n"
    )
    out(TABLE_HEAD)
    for existing in options.existing:
        if options.in_this_database:
            result = wire_benchmark(
                items=options.items,
                existing=existing,
                batch=options.batch,
                seed=options.seed,
                profile=options.profile,
            )
        else:
            result = benchmark_in_child(options, existing=existing)
        out(result_row(result))
        sys.stderr.write(f"archive of {existing:,} built in {result.archive_seconds:.0f} s\n")
        for label, ms in result.desk_ms.items():
            sys.stderr.write(f"desk page, {label}: {ms} ms CPU\n")


if __name__ == "__main__":
    main()
