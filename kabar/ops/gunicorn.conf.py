"""Gunicorn settings for `make run` and production, read from the environment.

Threads suit a news site: most time goes to waiting on the database, and a few processes with
several threads each fit a small (2-core) machine. Put a proxy (nginx, Caddy) in front of it.
"""

import os

host = os.environ.get("HOST", "127.0.0.1")
port = os.environ.get("PORT", "8000")
# An IPv6 address needs brackets in a bind address.
bind = [f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"]

wsgi_app = "kabar.wsgi:application"
worker_class = "gthread"
# Two processes per core, measured with `make bench` on a 2-core machine (docs/performance.md):
# cached pages, what a traffic spike is made of, went from 520 req/s with 2 processes to 840
# with 4, and the 99th percentile from seconds to 130 ms, for ~150 MiB more per process;
# uncached pages stayed the same within noise, being bound by the two cores.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200

# Trust X-Forwarded-* only from the proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Several servers may run on one machine (tests, a second site); none needs the control socket.
control_socket_disable = True
