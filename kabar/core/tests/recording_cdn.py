"""A CDN for tests: Wagtail's frontend cache backend that remembers what it was asked to purge."""

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)
