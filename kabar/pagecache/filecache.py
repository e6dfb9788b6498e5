"""Django's file cache, fit for the page cache of the embedded default.

Three changes, for many processes on one machine (web server processes, the task worker):
- Django lists the whole cache folder on every write to see whether it is full; with thousands
  of pages that listing costs more than the write, and a purge writes dozens of keys. Here the
  check runs on one write in `CULL_EVERY`, so the folder may overshoot MAX_ENTRIES by a little.
- Django's `add` checks, then writes: two processes can both "win". Here the new file is linked
  into place, which fails if another process got there first, so the stampede lock is exclusive
  across processes too.
- `get_unchanged` answers a key that is only ever replaced whole (the purge generation, read by
  every request) from the last read while its file is the same one: a stat instead of an open,
  two unpickles and a decompression, each releasing the GIL (docs/performance.md, "Cache hits:
  the server's floor").
A disk that fails (full, unwritable) degrades the site to uncached pages (`resilient`).
"""

import os
import pickle
import random
import tempfile
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

from .resilient import DegradingCacheMixin

CULL_EVERY = 100
# A file younger than this is read again on every call: a successor written within the same
# tick of the file system's coarse clock could reuse its inode with the same times and size.
SETTLED_SECONDS = 1.0


def file_identity(found: os.stat_result) -> tuple:
    """What changes whenever a cache file is replaced (set and add move a new file in place)."""
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


class ExclusiveFileCache(FileBasedCache):
    # File path → (identity, expiry, value) of its last settled read, for every thread's instance;
    # one entry per key read with `get_unchanged` (the generation).
    _unchanged: dict[str, tuple] = {}
    _paths: dict[tuple, str] = {}

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

    def get_unchanged(self, key, default=None, version=None):
        """`get`, without reading the file again while it is the one read last time."""
        # Django's name for the file validates the key character by character, then hashes it.
        named = (self._dir, self.key_prefix, self.version, key, version)
        fname = self._paths.get(named) or self._paths.setdefault(
            named, self._key_to_file(key, version)
        )
        try:
            identity = file_identity(os.stat(fname))
        except FileNotFoundError:
            return default
        kept = self._unchanged.get(fname)
        if kept is not None and kept[0] == identity and (kept[1] is None or time.time() < kept[1]):
            return kept[2]
        try:
            with open(fname, "rb") as file:
                found = os.fstat(file.fileno())  # the identity of what is read, not of a successor
                expiry = pickle.load(file)
                if expiry is not None and expiry < time.time():
                    return self.get(key, default, version)  # Django's get deletes it
                value = pickle.loads(zlib.decompress(file.read()))
        except FileNotFoundError:
            return default
        except EOFError:  # a file being written: Django's get takes it as expired
            return self.get(key, default, version)
        if time.time() - found.st_ctime > SETTLED_SECONDS:
            self._unchanged[fname] = (file_identity(found), expiry, value)
        return value


class PageFileCache(DegradingCacheMixin, ExclusiveFileCache):
    failures = (OSError,)

    def get_unchanged(self, key, default=None, version=None):
        return self._call("get_unchanged", default, key, default, version)

    def _createdir(self):
        # Called when the cache is made too, where a failure would stop every request.
        try:
            super()._createdir()
        except OSError as error:
            self._health.failed(error)
