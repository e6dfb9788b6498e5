from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "kabar.corrections"
    label = "corrections"
    verbose_name = _("Corrections")

    def ready(self):
        from kabar.news.invalidation import article_pages_register

        from . import invalidation
        from .signals import signals_connect

        signals_connect()
        # The log shows the titles of the stories it lists: purged whenever one of them changes.
        article_pages_register(
            article_paths=invalidation.article_paths, all_paths=invalidation.all_paths
        )
