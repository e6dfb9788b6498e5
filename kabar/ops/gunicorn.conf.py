"""Gunicorn settings for `make run` and production, read from the environment.

Threads suit a news site: most time goes to waiting on the database, and a few processes with
several threads each fit a small (2-core) machine. Put a proxy (nginx, Caddy) in front of it.
"""

import os

from kabar.ops.metrics_dir import metrics_dir_prepare

# Read by the master before it imports the application (preload_app): see metrics_dir.py.
metrics_dir_prepare()

host = os.environ.get("HOST", "127.0.0.1")
port = os.environ.get("PORT", "8000")
# An IPv6 address needs brackets in a bind address.
bind = [f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"]

wsgi_app = "kabar.wsgi:application"
worker_class = "gthread"
# As many processes as granian's (kabar/ops/granian_serve.py: one per core but one). Two per
# core paid when every worker was recycled every ~2,000 requests without preloading (cached
# pages went from 520 req/s with 2 processes to 840 with 4); with preloading, no recycling and
# the fast path for cache hits, a process costs more memory than it brings (docs/performance.md).
workers = int(os.environ.get("WEB_CONCURRENCY") or max(1, (os.cpu_count() or 1) - 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
# The application is imported once, in the master, and the workers are forked from it
# (kabar/ops/preload.py: what that saves, and what must not cross the fork).
preload_app = True
# No recycling by default. With max_requests = 2000 and no preload, every worker was replaced
# every ~2,000 requests, all four within seconds of each other: two thirds of a cached page's
# CPU cost and a p99 of 6.2 s (issue 15). With preload a replacement is cheap, but it still
# throws away the worker's warm state (the in-process copies of hot pages, Wagtail's site) and
# un-shares the pages it touches; no leak has been seen that would need it. Set
# GUNICORN_MAX_REQUESTS to recycle anyway; the jitter is kept wide (half of it) so the workers
# never restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 2

# Trust X-Forwarded-* only from the proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Several servers may run on one machine (tests, a second site); none needs the control socket.
control_socket_disable = True


def when_ready(server):
    from kabar.ops.preload import application_warm, memory_freeze, shared_handles_close

    application_warm()
    shared_handles_close()
    memory_freeze()


def pre_fork(server, worker):
    from kabar.ops.preload import shared_handles_close

    shared_handles_close()


def post_fork(server, worker):
    from kabar.ops.preload import memory_trim_keep

    memory_trim_keep()
