"""The WordPress import benchmark: generated exports, and the figures it reports for them."""

import io
import re

import pytest

from kabar.ingest.wxr.parse import WxrItem, wxr_read
from kabar.news.models import ArticlePage
from tools.bench.wordpress_import import import_benchmark, main, wxr_generate

pytestmark = pytest.mark.django_db

IMPORT_LINE = re.compile(
    r"import +(?P<posts>\d+) posts +(?P<created>\d+) created +(?P<seconds>[\d.]+) s "
    r"\((?P<cpu>[\d.]+) s CPU\) +(?P<rate>[\d.]+) posts/s +peak +(?P<peak>\d+) MB RSS"
)


def test_generated_export_holds_the_posts_asked_for(tmp_path):
    path = wxr_generate(tmp_path / "bench.xml", posts=30)
    items = [r for r in wxr_read(path) if isinstance(r, WxrItem)]
    assert len(items) == 30 and {i.post_type for i in items} == {"post"}
    assert len({i.slug for i in items}) == 30


def test_import_benchmark_imports_everything_and_measures_it(home, tmp_path):
    path = wxr_generate(tmp_path / "bench.xml", posts=50)
    result = import_benchmark(path, posts=50)
    assert not result.fatal
    assert result.created == 50 == ArticlePage.objects.live().count()
    assert result.posts_per_second > 0 and result.cpu_seconds > 0
    assert result.peak_rss_bytes >= result.start_rss_bytes > 0
    assert list(result.phase_seconds) == ["media", "posts", "index"]
    assert all(seconds >= 0 for seconds in result.phase_seconds.values())


def test_benchmark_reports_reading_and_importing(home):
    out = io.StringIO()
    main(["--posts", "50", "--import", "50", "--in-this-database"], stdout=out)
    read, imported = out.getvalue().splitlines()
    assert read.split()[:3] == ["read", "50", "posts"] and "posts/s" in read
    figures = IMPORT_LINE.match(imported)
    assert figures is not None, imported
    assert figures["posts"] == figures["created"] == "50"
    assert float(figures["rate"]) > 0 and int(figures["peak"]) > 0
    assert ArticlePage.objects.count() == 50


@pytest.mark.slow
def test_benchmark_imports_into_a_throwaway_database_in_a_child_process(home):
    out = io.StringIO()
    main(["--posts", "5", "--import", "5"], stdout=out)
    figures = IMPORT_LINE.search(out.getvalue())
    assert figures is not None, out.getvalue()
    assert figures["created"] == "5" and float(figures["rate"]) > 0
    assert not ArticlePage.objects.exists()  # the site's own database was not touched
