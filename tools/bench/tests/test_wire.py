"""The wire desk benchmark at a tiny size: what it delivers, stores and reports.

Nothing is timed here; `python -m tools.bench.wire` does that.
"""

import io
import random
import re

import pytest

from kabar.ingest.models import WireBand, WireFingerprint, WireItem
from kabar.ingest.wire import wire_parse
from tools.bench.wire import arguments_parse, documents, main, wire_benchmark

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r"\| (?P<stored>[\d,]+) \| (?P<items>[\d,]+) \| [\d.]+ \| (?P<rate>\d+) \| [\d.]+ "
    r"\| (?P<cpu_rate>\d+) \| (?P<parse_rate>\d+) \| (?P<duplicates>\d+) "
    r"\| (?P<first>\d+) → (?P<last>\d+) MB \| (?P<peak>\d+) MB \|"
)


def test_documents_are_antara_rss_with_a_dateline_and_copies_of_the_sample():
    sample = [("Banjir melanda Jakarta", "<p>Hujan deras sejak pagi merendam rumah warga.</p>")]
    batches = list(documents(items=25, batch=10, rng=random.Random(1), sample=sample))
    assert [size for size, _ in batches] == [10, 10, 5]
    entries = [e for _, document in batches for e in wire_parse("rss", document).entries]
    assert [e.guid for e in entries] == [f"kawat-{n}" for n in range(25)]
    assert {(e.dateline_place, e.dateline_agency) for e in entries} == {("Jakarta", "ANTARA")}
    copies = [e for e in entries if e.headline == "Banjir melanda Jakarta"]
    assert [e.guid for e in copies] == ["kawat-0", "kawat-10", "kawat-20"]
    assert copies[0].body_html == "<p>Hujan deras sejak pagi merendam rumah warga. Kata dia.</p>"


def test_benchmark_stores_every_item_and_flags_the_copies():
    result = wire_benchmark(items=30, existing=40, batch=10, seed=3)
    archived = WireItem.objects.filter(source__name="Arsip 40")
    assert archived.count() == 40 == WireFingerprint.objects.filter(item__in=archived).count()
    assert WireBand.objects.filter(fingerprint__item__in=archived).exists()
    wire = WireItem.objects.filter(source__name="ANTARA 40")
    assert wire.count() == 30 == result.items
    # Every tenth item is a lightly edited copy of an archived story.
    assert result.duplicates == 3 == wire.exclude(duplicate_of=None).count()
    assert result.cpu_seconds >= result.parse_cpu_seconds > 0 and result.seconds > 0
    # statm and getrusage count resident pages a little differently: both are only read.
    assert result.rss_mb and min(result.rss_mb) > 0 and result.peak_rss_mb > 0


def test_benchmark_prints_a_row_per_archive_size():
    out = io.StringIO()
    main(["--items", "20", "--existing", "10", "30", "--batch", "10", "--in-this-database"], out)
    rows = [ROW.match(line) for line in out.getvalue().splitlines() if line.startswith("| ")]
    rows = [row for row in rows if row]
    assert [(row["stored"], row["items"]) for row in rows] == [("10", "20"), ("30", "20")]
    for row in rows:
        assert int(row["duplicates"]) == 2
        assert int(row["cpu_rate"]) > 0 and int(row["parse_rate"]) >= int(row["cpu_rate"])
        assert int(row["first"]) > 0 and int(row["last"]) > 0 and int(row["peak"]) > 0


def test_the_default_run_is_ten_thousand_items_against_a_small_and_a_large_archive():
    options = arguments_parse([])
    assert options.items == 10_000 and options.existing == [1_000, 100_000]
    assert arguments_parse(["--existing", "100_000"]).existing == [100_000]
