"""What a web server's master does before it forks its workers, whichever server it is.

The application is imported once, in the master, and the workers are forked from it: a worker
starts in milliseconds instead of re-importing Django and Wagtail (~4 CPU-seconds each), and the
imported code's memory is shared between them (a worker's PSS fell from ~93 to ~23 MiB).
"""


def application_warm() -> None:
    """Import in the master what every worker's first request would: the URLconf with every
    app's views, and the template engines with their tag libraries. Forked workers then share
    that memory instead of each importing a private copy."""
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (importing is the point)
    engines.all()


def shared_handles_close() -> None:
    """Nothing the master opened while importing the application may be shared by its workers.

    A database connection (SQLite file handle, PostgreSQL socket) or a cache client used by two
    processes at once corrupts both; each worker opens its own on its first request.
    """
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()
