from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kabar.search"
    label = "kabar_search"
    verbose_name = _("Site search")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from kabar.news.models import ArticlePage, Author

        from . import signals

        page_published.connect(signals.article_published, sender=ArticlePage)
        post_save.connect(signals.author_saved, sender=Author)
