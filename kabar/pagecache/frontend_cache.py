"""Wagtail's frontend cache (the CDN), installed without its purges of published pages."""

from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig


class FrontendCacheConfig(WagtailFrontendCacheAppConfig):
    """`wagtail.contrib.frontend_cache`, less its receivers for pages published and unpublished.

    `kabar.news.invalidation` already purges every address a change shows on, the page's own
    included, once its transaction commits (or once at the end of an import); Wagtail's
    receivers would queue a second purge of the page, one per imported article. The app stays
    installed for its backends, its purge task and the redirects app's purges of old paths.
    """

    def ready(self):
        pass
