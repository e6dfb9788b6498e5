from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kabar.core"
    label = "core"
    verbose_name = _("Kabar core")

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter

        # Before any URLconf is read: every app's URLs name ids as <id:...>.
        register_converter(IdConverter, "id")

        from . import page_queries

        page_queries.install()

        from .shared_cache import reader_sign_in_limits_share

        reader_sign_in_limits_share()

        from django.db.models.signals import post_migrate

        from .services import newsroom_setup_after_migrate

        post_migrate.connect(newsroom_setup_after_migrate, sender=self)

        from django.db.models.signals import post_save
        from wagtail.models import Site

        from kabar.pagecache.purge import everything_purge

        from .models import BreakingNews, SiteSettings

        # The menu, name and footer show on every page.
        post_save.connect(everything_purge, sender=SiteSettings, dispatch_uid="kabar-purge-site")
        # So does the breaking-news banner, switched on, changed, off or expired.
        from wagtail.signals import page_unpublished

        from .breaking import breaking_article_unpublished, breaking_news_saved

        post_save.connect(breaking_news_saved, sender=BreakingNews, dispatch_uid="kabar-breaking")

        page_unpublished.connect(breaking_article_unpublished, dispatch_uid="kabar-breaking-unpub")
        # A site's address or home page shows on every page too.
        post_save.connect(everything_purge, sender=Site, dispatch_uid="kabar-purge-wagtail-site")

        from .site_data import signals_connect

        signals_connect()

        from wagtail.images import get_image_model

        from .photos import image_saved

        # A new photo's caption, credit and keywords come from its IPTC/XMP.
        post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="kabar-image-details")
