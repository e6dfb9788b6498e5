"""Granian, a web server written in Rust, serving Kabar's WSGI application (`WEB_SERVER=granian`).

    python -m kabar.ops.granian_serve      # what `manage.py serve` starts; reads the environment

The same shape as gunicorn's settings (kabar/ops/gunicorn.conf.py): HOST, PORT, WEB_CONCURRENCY
processes (two per core) of WEB_THREADS threads (4) each, the application imported once in this
master process and the workers forked from it. Granian parses HTTP and manages connections in
Rust threads, outside the GIL. SIGTERM or Ctrl-C stops it, waiting up to 10 s for requests in
flight; SIGHUP replaces the workers one by one, each forked again from the master.
"""

import os
import socket
import sys

from kabar.ops.metrics_dir import metrics_dir_prepare


def settings_from_environment(env=os.environ) -> dict:
    """Granian's arguments for this site, from the variables gunicorn's settings read too."""
    host = env.get("HOST", "127.0.0.1").strip("[]")
    threads = env.get("WEB_THREADS") or env.get("GUNICORN_THREADS") or "4"
    return {
        "address": host,
        "port": int(env.get("PORT", "8000")),
        "interface": "wsgi",
        "workers": int(env.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1)))),
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


def main() -> None:
    options = settings_from_environment()
    if taken := address_taken(options["address"], options["port"]):
        sys.exit(f"granian could not start on {options['address']}:{options['port']}: {taken}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kabar.settings.base")
    # Before the application (and prometheus_client) is imported: see metrics_dir.py.
    metrics_dir_prepare()
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.log import LogLevels

    from kabar.ops.preload import application_warm, shared_handles_close
    from kabar.wsgi import application

    application_warm()
    shared_handles_close()
    options["interface"] = Interfaces(options["interface"])
    options["http"] = HTTPModes(options["http"])
    options["log_level"] = LogLevels(options["log_level"])
    server = Granian("kabar.wsgi:application", **options)
    try:
        # The workers are forked from this process: they find the application imported.
        server.serve(target_loader=lambda target: application)
    except RuntimeError as exc:  # the address is wrong, or taken since the check
        sys.exit(f"granian could not start: {str(exc).splitlines()[0]}")


if __name__ == "__main__":
    main()
