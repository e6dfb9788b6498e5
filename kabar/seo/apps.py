from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "kabar.seo"
    label = "seo"
    verbose_name = _("Feeds and search engines")

    def ready(self):
        from django.db.models.signals import post_save

        from kabar.news.invalidation import article_pages_register
        from kabar.pagecache.purge import everything_purge

        from . import invalidation
        from .models import FeedSettings

        post_save.connect(everything_purge, sender=FeedSettings, dispatch_uid="kabar-purge-feeds")
        # The feeds and sitemaps list articles: purged with each one that changes.
        article_pages_register(
            article_paths=invalidation.article_paths, all_paths=invalidation.all_paths
        )
