"""Django's file cache, fit for the page cache of the embedded default.

Two changes, both for many writers on one machine (gunicorn processes, the task worker):
- Django lists the whole cache folder on every write to see whether it is full; with thousands
  of pages that listing costs more than the write, and a purge writes dozens of keys. Here the
  check runs on one write in `CULL_EVERY`, so the folder may overshoot MAX_ENTRIES by a little.
- Django's `add` checks, then writes: two processes can both "win". Here the new file is linked
  into place, which fails if another process got there first, so the stampede lock is exclusive
  across processes too.
A disk that fails (full, unwritable) degrades the site to uncached pages (`resilient`).
"""

import os
import random
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

from .resilient import DegradingCacheMixin

CULL_EVERY = 100


class ExclusiveFileCache(FileBasedCache):
    def _cull(self):
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._createdir()
        fname = self._key_to_file(key, version)
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as file:
                self._write_content(file, timeout, value)
            for _attempt in range(2):
                try:
                    os.link(tmp_path, fname)
                    return True
                except FileExistsError:
                    if self.has_key(key, version):
                        return False
                    # An expired entry is in the way: `has_key` has just deleted it; try again.
            return False
        finally:
            os.remove(tmp_path)


class PageFileCache(DegradingCacheMixin, ExclusiveFileCache):
    failures = (OSError,)

    def _createdir(self):
        # Called when the cache is made too, where a failure would stop every request.
        try:
            super()._createdir()
        except OSError as error:
            self._health.failed(error)
