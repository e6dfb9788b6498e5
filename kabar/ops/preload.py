"""What a web server's master does before it forks its workers, whichever server it is.

The application is imported once, in the master, and the workers are forked from it: a worker
starts in milliseconds instead of re-importing Django and Wagtail (~4 CPU-seconds each), and the
imported code's memory is shared between them (a worker's PSS fell from ~93 to ~23 MiB).
"""

import ctypes
import ctypes.util
import gc
import os
import threading
import time


def application_warm() -> None:
    """Import in the master what every worker's first request would: the URLconf with every
    app's views, the template engines with their loaders, context processors and tag
    libraries, the cache and search backends, the formats of each language, the messages and
    session machinery, and the search's stemmer dictionary. Forked workers then share that
    memory instead of each importing (or loading) a private copy: the modules a first request
    imported (redis's client alone is 61) came to ~4 MiB a worker."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import formats
    from django.utils.module_loading import import_module, import_string
    from modelsearch.backends import get_search_backend

    from kabar.core.text import protected_words, stemmer, stopwords

    get_resolver().url_patterns  # noqa: B018 (importing is the point)
    for engine in engines.all():
        inner = getattr(engine, "engine", None)  # Django's own engine
        if inner is not None:
            inner.template_loaders  # noqa: B018
            inner.template_context_processors  # noqa: B018
    for alias in settings.CACHES:
        caches[alias]  # the backend's module and its client library
    connection.ops.compiler("SQLCompiler")
    get_search_backend()
    for language, _name in settings.LANGUAGES:
        formats.get_format_modules(lang=language)
    import_string(settings.MESSAGE_STORAGE)
    import_module(settings.SESSION_ENGINE)
    import_string(settings.SESSION_SERIALIZER)
    stemmer(), stopwords(), protected_words()


def shared_handles_close() -> None:
    """Nothing the master opened while importing the application may be shared by its workers.

    A database connection (SQLite file handle, PostgreSQL socket) or a cache client used by two
    processes at once corrupts both; each worker opens its own on its first request.
    """
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


def memory_freeze() -> None:
    """Collect the master's garbage, then exempt everything it holds from the garbage collector.

    A collection in a forked worker writes to the header of every object it examines, so a
    worker's full collections copied the pages of the whole imported application, one private
    copy per worker (copy on write). Frozen objects are never examined: their pages stay
    shared. Call it last before forking.
    """
    gc.collect()
    gc.freeze()


# Seconds between two trims of a worker's C heap (0: never), measured in docs/performance.md.
MEMORY_TRIM_SECONDS = float(os.environ.get("MEMORY_TRIM_SECONDS", "1"))


def memory_trim_keep(interval: float = MEMORY_TRIM_SECONDS) -> threading.Thread | None:
    """Give the memory the C allocator holds free back to the system every `interval` seconds.

    Rendering a page allocates from glibc's heaps from several threads; what is freed stays in
    them, in holes the heap's top-only trimming never returns: ~25 MiB a web worker after a few
    dozen uncached pages, most of it free. malloc_trim(0) returns every free page (~0.4 ms
    when there is little to return). Call it in each forked worker; a no-op without glibc.
    """
    trim = malloc_trim_function()
    if not interval or trim is None:
        return None

    def keep_trimming():
        while True:
            time.sleep(interval)
            trim(0)

    thread = threading.Thread(target=keep_trimming, name="memory-trim", daemon=True)
    thread.start()
    return thread


def malloc_trim_function():
    """glibc's malloc_trim, or None (another C library)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
