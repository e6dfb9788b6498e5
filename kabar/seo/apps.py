from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "kabar.seo"
    label = "seo"
    verbose_name = _("Feeds and search engines")

    def ready(self):
        from django.db.models.signals import post_save

        from kabar.news.invalidation import article_pages_register
        from kabar.news.models import ArticlePage
        from kabar.pagecache.purge import everything_purge

        from . import invalidation
        from .models import FeedSettings
        from .panels import SharePreviewPanel

        post_save.connect(everything_purge, sender=FeedSettings, dispatch_uid="kabar-purge-feeds")
        # The feeds and sitemaps list articles: purged with each one that changes.
        article_pages_register(
            article_paths=invalidation.article_paths, all_paths=invalidation.all_paths
        )
        # The promote tab shows the story's Google result and share card, under its SEO fields.
        ArticlePage.promote_panels = [
            *ArticlePage.promote_panels,
            SharePreviewPanel(heading=_("Search and share preview")),
        ]
