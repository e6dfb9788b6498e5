"""manage.py benchmark_wordpress_import: posts per second and peak memory on generated exports."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from kabar.ingest.benchmark import benchmark_run, wxr_generate, wxr_read_all
from kabar.ingest.services import ImportOptions, wxr_import


class Command(BaseCommand):
    help = "Generate N-post WordPress exports and measure reading (and importing) them."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, nargs="+", default=[10_000, 100_000])
        parser.add_argument(
            "--import",
            dest="do_import",
            type=int,
            default=0,
            metavar="N",
            help="Also import (as a dry run, rolled back) exports of up to N posts.",
        )

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as folder:
            for posts in options["posts"]:
                path = wxr_generate(Path(folder) / f"bench-{posts}.xml", posts=posts)
                result = benchmark_run(path, posts=posts, work=wxr_read_all)
                self.report("read", result)
                if posts <= options["do_import"]:
                    result = benchmark_run(
                        path,
                        posts=posts,
                        work=lambda p: wxr_import(source=p, options=ImportOptions(dry_run=True)),
                    )
                    self.report("import", result)

    def report(self, what: str, result) -> None:
        self.stdout.write(
            f"{what:<6} {result.posts:>7} posts  {result.file_bytes / 1e6:8.1f} MB file  "
            f"{result.posts_per_second:9.0f} posts/s  peak {result.peak_bytes / 1e6:6.2f} MB"
        )
