"""`make run`: prepare the database and static files, then serve the site with its workers."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kabar.news.models import ArticlePage
from kabar.ops import runner, supervise


class Command(BaseCommand):
    help = (
        "Migrate, collect static files, load the demo newsroom into an empty database, make sure "
        "an admin account exists, then run the web server (granian, or gunicorn with "
        "WEB_SERVER=gunicorn), the task worker and the publishing scheduler until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        # String defaults go through `type` too, so a bad variable gets argparse's clear error.
        parser.add_argument("--port", type=int, default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--scheduler-interval",
            type=float,
            default=settings.SCHEDULER_INTERVAL,
            help="Seconds between two runs of publish_scheduled (default: 30).",
        )
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="Prepare the database, static files, demo and admin account, then exit.",
        )
        parser.add_argument(
            "--join",
            action="store_true",
            help="Serve without preparing anything: another node of the cluster migrated the "
            "database and collected the static files (make cluster).",
        )

    def handle(self, *, host, port, scheduler_interval, prepare_only, join, **options):
        if scheduler_interval <= 0:
            raise CommandError("The scheduler interval must be a positive number of seconds.")
        if join:
            # Two nodes migrating one database at once would race; the first prepared it.
            self.admin = runner.AdminAccount(username=runner.ADMIN_USERNAME)
        else:
            self.prepare()
        if prepare_only:
            self.stdout.write("\n".join(self.admin_lines(site_url_for(host, port))))
            return
        self.serve(host=host, port=port, scheduler_interval=scheduler_interval)

    def prepare(self):
        self.stdout.write("Preparing the database and static files…")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if runner.static_collect():
            self.stdout.write(f"Static files collected into {settings.STATIC_ROOT}.")
        # load_demo leaves a database that has any content untouched.
        was_empty = not ArticlePage.objects.exists()
        call_command("load_demo", "--if-empty", stdout=self.stdout, stderr=self.stderr)
        if was_empty and ArticlePage.objects.exists():
            # The new demo newsroom gets a wire desk filled from the agency copy shipped with it.
            call_command("wire_demo_load", stdout=self.stdout, stderr=self.stderr)
        self.admin = runner.admin_account_ensure()

    def serve(self, *, host, port, scheduler_interval):
        """Show the banner, then become the supervisor: a process without Django (supervise.py)
        that starts the web server and the task worker (which runs the scheduler too) and
        watches them. Granian runs the task worker itself (stack_children)."""
        os.environ.update(
            HOST=host,
            PORT=str(port),
            DJANGO_SETTINGS_MODULE=settings.SETTINGS_MODULE,
            PYTHONUNBUFFERED="1",
        )
        server = web_server_chosen()
        children = stack_children(server, scheduler_interval=scheduler_interval)
        self.banner(host=host, port=port, scheduler_interval=scheduler_interval)
        self.stdout.flush()
        sys.stderr.flush()
        os.chdir(settings.BASE_DIR)
        argv = supervise.exec_argv(children)
        os.execv(argv[0], argv)

    def admin_lines(self, site_url):
        lines = [f"  Admin:  {site_url}admin/"]
        if self.admin.password:
            lines.append(
                f'  Log in as "{self.admin.username}" with the password: '
                f"{self.admin.password}  (shown only this once; note it now)"
            )
        elif self.admin.username:
            lines.append(
                f'  Log in as "{self.admin.username}". Forgotten the password? Run: '
                f"uv run python manage.py changepassword {self.admin.username}"
            )
        else:
            lines.append(
                "  No admin account yet. Create one: uv run python manage.py createsuperuser"
            )
        return lines

    def banner(self, *, host, port, scheduler_interval):
        site_url = site_url_for(host, port)
        lines = ["", f"Kabar is running at {site_url}", *self.admin_lines(site_url)]
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            lines.append(f"  Emails: written as files to {settings.EMAIL_FILE_PATH}")
        else:
            lines.append(f"  Emails: sent through {settings.EMAIL_HOST}")
        lines.append(
            f"  Scheduled publishing runs every {scheduler_interval:g} s; "
            "background tasks run in the database worker."
        )
        lines += ["Press Ctrl-C to stop.", ""]
        self.stdout.write("\n".join(lines))


# The production web servers `serve` can start (WEB_SERVER), the first by default. Measured side
# by side by `make bench` (docs/performance.md): a cached page cost granian 0.25-0.30 CPU-ms
# against gunicorn's 0.42-0.47, for the same memory and the same uncached cost.
WEB_SERVERS = ("granian", "gunicorn")


def web_server_chosen() -> str:
    server = os.environ.get("WEB_SERVER", "").strip().lower() or "granian"
    if server not in WEB_SERVERS:
        raise CommandError(f"WEB_SERVER must be one of {', '.join(WEB_SERVERS)}, not {server!r}.")
    return server


def task_worker_args(*, scheduler_interval: float) -> list[str]:
    """The task worker's management command, with the scheduler in it."""
    return [
        "worker",
        "--no-reload",
        "--queue-name",
        "*",
        "--scheduler-interval",
        f"{scheduler_interval:g}",
    ]


def stack_children(server: str, *, scheduler_interval: float) -> dict[str, list[str]]:
    """The processes the supervisor starts and watches, by name.

    Granian runs the task worker in a thread of its only web worker (kabar/ops/task_thread.py),
    or with more web workers forks it from its master once it has imported and warmed the
    application (kabar/ops/task_fork.py): either way it shares that memory instead of importing
    Django a second time (~125 MiB PSS, docs/performance.md), and stops with the web server.
    Gunicorn's master reaps every child it has (waitpid(-1)), so it gets a task worker of its
    own, started and watched by the supervisor.
    """
    task_args = task_worker_args(scheduler_interval=scheduler_interval)
    if server == "granian":
        return {server: [*web_server_argv(server), "--fork", *task_args]}
    manage = str(settings.BASE_DIR / "manage.py")
    return {server: web_server_argv(server), "worker": [sys.executable, manage, *task_args]}


def web_server_argv(server: str) -> list[str]:
    """The command line of the web server process the supervisor starts."""
    if server == "granian":
        return [sys.executable, "-m", "kabar.ops.granian_serve"]
    conf = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    return [sys.executable, "-m", "gunicorn", "--config", str(conf)]


def site_url_for(host: str, port: int) -> str:
    """Return the address a browser on this machine reaches the server at."""
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", "[::]"} else host
    shown = f"[{shown}]" if ":" in shown and not shown.startswith("[") else shown
    return f"http://{shown}:{port}/"
