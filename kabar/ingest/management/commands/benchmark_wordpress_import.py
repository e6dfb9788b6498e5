"""manage.py benchmark_wordpress_import: posts per second and peak memory on generated exports.

Reading is timed in this process. Each import runs in a fresh child process on a throwaway
SQLite database in a temporary folder (migrated first, not timed), so the site's own
database is never touched and the peak memory is that import's alone.
"""

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kabar.ingest.benchmark import (
    ImportBenchmarkResult,
    benchmark_run,
    import_benchmark,
    wxr_generate,
    wxr_read_all,
)

# Settings the throwaway database's process must not inherit: outside services of this site.
INHERITED_SERVICES = ("REDIS_URL", "CACHE_TABLE", "MEDIA_ROOT", "AWS_STORAGE_BUCKET_NAME")


class Command(BaseCommand):
    help = "Generate N-post WordPress exports and measure reading and importing them."

    def add_arguments(self, parser):
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

    def handle(self, *args, **options):
        if options["child_import"]:
            # The child process: import, then hand the figures back as one JSON line.
            result = import_benchmark(options["child_import"], posts=options["posts"][0])
            self.stdout.write(json.dumps(dataclasses.asdict(result)))
            return
        with tempfile.TemporaryDirectory(prefix="kabar-import-bench-") as folder:
            for posts in options["posts"]:
                path = wxr_generate(Path(folder) / f"bench-{posts}.xml", posts=posts)
                self.read_report(benchmark_run(path, posts=posts, work=wxr_read_all))
                if posts > options["do_import"]:
                    continue
                if options["in_this_database"]:
                    result = import_benchmark(path, posts=posts)
                else:
                    result = self.import_in_child(path, posts=posts, folder=Path(folder))
                self.import_report(result)

    def import_in_child(self, path: Path, *, posts: int, folder: Path) -> ImportBenchmarkResult:
        data_dir = folder / f"site-{posts}"
        data_dir.mkdir()
        env = {key: value for key, value in os.environ.items() if key not in INHERITED_SERVICES}
        env.update(
            KABAR_DATA_DIR=str(data_dir),
            DATABASE_URL=f"sqlite:///{data_dir / 'bench.sqlite3'}",
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            DJANGO_SETTINGS_MODULE="kabar.settings.base",
        )
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        run = {"env": env, "capture_output": True, "text": True, "check": False}
        migrated = subprocess.run([*manage, "migrate", "-v0"], **run)
        if migrated.returncode:
            raise CommandError(migrated.stderr)
        child = subprocess.run(
            [*manage, "benchmark_wordpress_import", "--posts", str(posts), "--child-import", path],
            **run,
        )
        if child.returncode:
            raise CommandError(child.stderr)
        return ImportBenchmarkResult(**json.loads(child.stdout.strip().splitlines()[-1]))

    def read_report(self, result) -> None:
        self.stdout.write(
            f"read   {result.posts:>7} posts  {result.file_bytes / 1e6:8.1f} MB file  "
            f"{result.posts_per_second:9.0f} posts/s  peak {result.peak_bytes / 1e6:6.2f} MB "
            "(tracemalloc)"
        )

    def import_report(self, result: ImportBenchmarkResult) -> None:
        if result.fatal:
            raise CommandError(result.fatal)
        phases = ", ".join(f"{name} {secs:.1f} s" for name, secs in result.phase_seconds.items())
        self.stdout.write(
            f"import {result.posts:>7} posts  {result.created:>7} created  "
            f"{result.seconds:8.1f} s ({result.cpu_seconds:.1f} s CPU)  "
            f"{result.posts_per_second:9.1f} posts/s  "
            f"peak {result.peak_rss_bytes / 1e6:6.0f} MB RSS "
            f"(from {result.start_rss_bytes / 1e6:.0f} MB; {phases})"
        )
