"""Wire desk benchmark: parse + dedupe + upsert throughput and peak memory.

    uv run python -m tools.bench.wire [--items 10000] [--existing 100000] [--batch 100]

It migrates a throwaway SQLite database, stores `--existing` fingerprints of published copy
(signatures and LSH bands, as `article_fingerprint_save` writes them for each published
article; they are attached to wire items of an "archive" source so no page tree is needed),
then delivers `--items` new stories as ANTARA-shaped RSS documents of `--batch` items each,
a tenth of them lightly edited copies of archived stories. Every document goes through the
real path: `wire_parse` → `wire_batch_upsert` (filters, then the document's new items stored
together: one LSH lookup for all of them, similarity, bulk inserts; one transaction per
document). Prints items/s by the clock and per CPU second of the process (the honest figure on
a shared machine, where the clock also counts other people's work), the process's resident
memory after each tenth of the run (flat means nothing accumulates) and peak RSS. The schema
is made from the models directly (as pytest-django's --nomigrations does), not by replaying
every migration, which takes minutes. Not part of the test suite.
"""

import argparse
import html
import os
import random
import resource
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from .run import out
from .search import TextMaker


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    return parser.parse_args()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def story(maker: TextMaker) -> tuple[str, str]:
    headline = maker.sentence(8).rstrip(".")
    body = "".join(f"<p>{maker.paragraph()}</p>" for _ in range(4))
    return headline, body


def rss_document(items: list[tuple[str, str, str]], start: datetime) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>B</title>']
    for n, (guid, headline, body) in enumerate(items):
        when = format_datetime(start + timedelta(seconds=n))
        parts.append(
            f"<item><title>{html.escape(headline)}</title><guid>{guid}</guid>"
            f"<link>https://www.antaranews.com/berita/{guid}</link><pubDate>{when}</pubDate>"
            f"<category>Ekonomi</category><description><![CDATA[<p>Jakarta (ANTARA) - </p>"
            f"{body}]]></description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def archive_build(count: int, maker: TextMaker, source) -> list[tuple[str, str]]:
    """Bulk-store `count` fingerprinted stories; return a sample to copy from."""
    from django.db import transaction

    from kabar.ingest.models import WireFingerprint, WireItem
    from kabar.ingest.services.wire_dedupe import (
        bands_insert,
        signature_bands,
        signature_from_fingerprint,
        text_signature,
    )

    sample = []
    chunk = 1000
    for first in range(0, count, chunk):
        with transaction.atomic():
            stories = [story(maker) for _ in range(min(chunk, count - first))]
            items = WireItem.objects.bulk_create(
                WireItem(
                    source=source,
                    guid=f"arsip-{first + n}",
                    headline=h,
                    body_html=b,
                    checksum="-",
                    status="taken",
                )
                for n, (h, b) in enumerate(stories)
            )
            prints = []
            for item, (h, b) in zip(items, stories, strict=True):
                signature = text_signature(f"{h}\n{b}")
                prints.append(
                    WireFingerprint(
                        item=item,
                        signature=signature.hashvalues.tobytes(),
                        shingles=signature.shingles,
                    )
                )
            prints = WireFingerprint.objects.bulk_create(prints)
            bands_insert(
                [
                    (fp.pk, key)
                    for fp in prints
                    for key in signature_bands(signature_from_fingerprint(fp))
                ]
            )
            sample.extend(stories[:5])
    return sample


class NoMigrations:
    """Every app without migrations, so `migrate --run-syncdb` creates tables from models."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


def main():
    args = parse_args()
    tmpdir = tempfile.mkdtemp(prefix="kabar-bench-wire-")
    os.environ["KABAR_DATA_DIR"] = tmpdir
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kabar.settings.base"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmpdir}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from kabar.ingest.models import WireItem, WireSource
    from kabar.ingest.services.wire import WireCounts
    from kabar.ingest.services.wire_poll import wire_batch_upsert
    from kabar.ingest.wire import wire_parse

    rng = random.Random(args.seed)
    maker = TextMaker(rng)
    try:
        settings.MIGRATION_MODULES = NoMigrations()
        call_command("migrate", run_syncdb=True, verbosity=0)
        archive = WireSource.objects.create(name="Arsip", url="https://a.example/", credit="A")
        began = time.perf_counter()
        sample = archive_build(args.existing, maker, archive)
        built = time.perf_counter() - began
        out(f"# Wire desk benchmark: {args.items:,} items against {args.existing:,} stored")
        out(f"archive of {args.existing:,} fingerprints stored in {built:.1f} s\n")
        source = WireSource.objects.create(name="ANTARA", url="https://b.example/", credit="ANTARA")
        counts = WireCounts()
        start = datetime(2024, 10, 30, tzinfo=UTC)
        memory = []
        step = max(1, args.items // 10)
        began, cpu_began = time.perf_counter(), time.process_time()
        for first in range(0, args.items, args.batch):
            batch = []
            for n in range(first, min(first + args.batch, args.items)):
                if n % 10 == 0 and sample:
                    headline, body = rng.choice(sample)
                    body = body.replace("</p>", " Kata dia.</p>", 1)
                else:
                    headline, body = story(maker)
                batch.append((f"kawat-{n}", headline, body))
            document = rss_document(batch, start + timedelta(minutes=first))
            entries = wire_parse("rss", document, agencies=source.agencies).entries
            wire_batch_upsert(source=source, entries=entries, counts=counts)
            if (first + args.batch) // step > first // step:
                memory.append(rss_mb())
        elapsed = time.perf_counter() - began
        cpu = time.process_time() - cpu_began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out(
            "| items | stored | seconds | items/s | CPU s | items/CPU s | duplicates "
            "| RSS per tenth (MB) | peak RSS |"
        )
        out("|--:|--:|--:|--:|--:|--:|--:|---|--:|")
        out(
            f"| {args.items:,} | {args.existing:,} | {elapsed:.1f} | {args.items / elapsed:.0f} "
            f"| {cpu:.1f} | {args.items / cpu:.0f} "
            f"| {counts.duplicates:,} | {' '.join(f'{m:.0f}' for m in memory)} | {peak:.0f} MB |"
        )
        assert WireItem.objects.filter(source=source).count() == args.items
    finally:
        connections.close_all()
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
