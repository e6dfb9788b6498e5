from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "kabar.seo"
    label = "seo"
    verbose_name = _("Feeds and search engines")

    def ready(self):
        from django.db.models.signals import post_save

        from kabar.pagecache.purge import everything_purge

        from .models import FeedSettings

        post_save.connect(everything_purge, sender=FeedSettings, dispatch_uid="kabar-purge-feeds")
