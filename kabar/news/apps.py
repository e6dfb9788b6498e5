from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "kabar.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from . import selectors
        from .invalidation import signals_connect
        from .models import ArticlePage, HomePage, SectionPage, page_context_register

        page_context_register(
            HomePage, lambda *, page, request: selectors.home_page_context(home=page)
        )
        page_context_register(
            SectionPage,
            lambda *, page, request: selectors.section_page_context(section=page, request=request),
        )
        page_context_register(
            ArticlePage, lambda *, page, request: selectors.article_page_context(article=page)
        )
        signals_connect()
