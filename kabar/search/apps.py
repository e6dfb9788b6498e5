from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kabar.search"
    label = "kabar_search"
    verbose_name = _("Site search")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from kabar.news.invalidation import article_pages_register
        from kabar.news.models import ArticlePage, Author

        from . import signals
        from .invalidation import related_listing_all_paths, related_listing_paths

        page_published.connect(signals.article_published, sender=ArticlePage)
        post_save.connect(signals.author_saved, sender=Author)
        # An article's page lists its related stories: it changes with each of them. Every
        # article page is already among news's own addresses, hence nothing for all_paths.
        article_pages_register(
            article_paths=related_listing_paths, all_paths=related_listing_all_paths
        )
