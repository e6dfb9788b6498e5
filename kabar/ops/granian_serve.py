"""Granian, a web server written in Rust, serving Kabar's WSGI application (`WEB_SERVER=granian`).

    python -m kabar.ops.granian_serve      # reads the environment
    python -m kabar.ops.granian_serve --fork worker --no-reload …   # what `manage.py serve` starts

The same shape as gunicorn's settings (kabar/ops/gunicorn.conf.py): HOST, PORT, WEB_CONCURRENCY
processes (one per core but one) of WEB_THREADS threads (4) each, the application imported once
in this master process and the workers forked from it. Granian parses HTTP and manages
connections in Rust threads, outside the GIL. SIGTERM or Ctrl-C stops it, waiting up to 10 s for
requests in flight; SIGHUP replaces the workers one by one, each forked again from the master.

With `--fork`, the rest of the command line is a management command (the task worker with its
scheduler) run beside the web server and stopped with it, where TASK_WORKER says (task_mode):
in a thread of the only web worker process (kabar/ops/task_thread.py), or in a process forked
from the warmed master (kabar/ops/task_fork.py). Either way it shares the master's memory
instead of importing Django a second time.
"""

import os
import signal
import socket
import sys

from kabar.ops.metrics_dir import metrics_dir_prepare


def web_concurrency_default(cores: int | None = None) -> int:
    """Web server processes unless WEB_CONCURRENCY says: one per core but one, at least one.

    A process runs Python on one core at a time; the other core goes to granian's threads
    (outside Python), the task worker and the database. Measured on 2 cores
    (docs/performance.md): 1 process against 2 and 4, uncached pages as fast within noise and
    cheaper per request, cached ones at ~4,000 req/s, and each process ~70-100 MiB of the
    stack's memory once it has rendered pages.
    """
    cores = cores or os.cpu_count() or 1
    return max(1, cores - 1)


def settings_from_environment(env=os.environ) -> dict:
    """Granian's arguments for this site, from the variables gunicorn's settings read too."""
    host = env.get("HOST", "127.0.0.1").strip("[]")
    threads = env.get("WEB_THREADS") or env.get("GUNICORN_THREADS") or "4"
    return {
        "address": host,
        "port": int(env.get("PORT", "8000")),
        "interface": "wsgi",
        "workers": int(env.get("WEB_CONCURRENCY") or web_concurrency_default()),
        "blocking_threads": int(threads),
        "http": "1",  # a proxy in front speaks HTTP/2 to browsers; no upgrades to look for
        "websockets": False,
        # A worker that dies is forked again, as gunicorn's master does.
        "respawn_failed_workers": True,
        "workers_kill_timeout": 10,
        "log_access": bool(env.get("GRANIAN_ACCESS_LOG")),
        # Its start-up lines (one per worker) would push `make run`'s banner, with the address
        # and the admin login, out of view; warnings and errors still show.
        "log_level": env.get("GRANIAN_LOG_LEVEL", "warning"),
    }


def address_taken(host: str, port: int) -> str:
    """Why the address cannot be listened on, or "" when it can.

    Granian binds with SO_REUSEPORT, so a second Kabar (an old deployment left running) would
    silently share the port and half the readers' requests. A plain bind refuses a port anyone
    listens on, as gunicorn does.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return ""


def fork_argv(argv: list[str]) -> list[str]:
    """The management command to fork beside the web server (`--fork COMMAND ARGS…`), or []."""
    return argv[1:] if argv[:1] == ["--fork"] else []


TASK_MODES = ("thread", "process")


def task_mode(workers: int, env=os.environ) -> str:
    """Where the task worker runs: TASK_WORKER, else a thread of the web worker when there is
    only one (the embedded default: ~25 MiB less, task_thread.py says what it costs), else a
    process of its own, so that no web worker is busier than the others."""
    mode = env.get("TASK_WORKER", "").strip().lower()
    if mode and mode not in TASK_MODES:
        sys.exit(f"TASK_WORKER must be one of {', '.join(TASK_MODES)}, not {mode!r}.")
    return mode or ("thread" if workers == 1 else "process")


def worker_application(application, task_argv: list[str] = ()):
    """What each forked worker runs first, then it serves `application`: it dies with the
    master (granian's workers outlived a master killed outright, holding the port, so the
    supervisor's restart could never bind it), its trimming thread starts, and the task worker's
    thread when it runs in this process."""
    from kabar.ops.preload import memory_trim_keep
    from kabar.ops.task_fork import parent_death_signal

    parent_death_signal(signal.SIGTERM)
    memory_trim_keep()
    if task_argv:
        from kabar.ops.task_thread import tasks_thread_start

        tasks_thread_start(list(task_argv))
    return application


def main(argv: list[str] | None = None) -> None:
    task_argv = fork_argv(sys.argv[1:] if argv is None else argv)
    options = settings_from_environment()
    thread_argv = task_argv if task_mode(options["workers"]) == "thread" else []
    if taken := address_taken(options["address"], options["port"]):
        sys.exit(f"granian could not start on {options['address']}:{options['port']}: {taken}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kabar.settings.base")
    # Before the application (and prometheus_client) is imported: see metrics_dir.py.
    metrics_dir_prepare()
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.log import LogLevels

    from kabar.ops.preload import (
        application_warm,
        memory_freeze,
        shared_handles_close,
    )
    from kabar.wsgi import application

    application_warm()
    if thread_argv:  # imported here, its pages are shared with the worker that runs it
        import kabar.ops.task_thread  # noqa: F401
    shared_handles_close()
    memory_freeze()
    keeper = None
    if task_argv and not thread_argv:
        from kabar.ops.task_fork import TaskKeeper, management_command

        # Forked now, before granian starts its threads; ends the web server if it ends.
        keeper = TaskKeeper(management_command(task_argv)).start(
            on_exit=lambda code: os.kill(os.getpid(), signal.SIGTERM)
        )
    options["interface"] = Interfaces(options["interface"])
    options["http"] = HTTPModes(options["http"])
    options["log_level"] = LogLevels(options["log_level"])
    server = Granian("kabar.wsgi:application", **options)
    if keeper is not None:
        server.on_shutdown(keeper.stop)
    try:
        # The workers are forked from this process: they find the application imported.
        server.serve(target_loader=lambda target: worker_application(application, thread_argv))
    except RuntimeError as exc:  # the address is wrong, or taken since the check
        sys.exit(f"granian could not start: {str(exc).splitlines()[0]}")
    finally:
        if keeper is not None:
            keeper.stop()
    if keeper is not None and keeper.failed:
        sys.exit(f"The task worker could not start (exit code {keeper.code}); stopped.")


if __name__ == "__main__":
    main()
