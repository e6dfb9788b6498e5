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
        from .popular import most_read

        def home_context(*, page, request):
            most = most_read(root=page, request=request)
            return {**selectors.home_page_context(home=page), "most_read": most}

        def section_context(*, page, request):
            context = selectors.section_page_context(section=page, request=request)
            return {**context, "most_read": most_read(root=page, section=page, request=request)}

        def article_context(*, page, request):
            context = selectors.article_page_context(article=page)
            section = context["section"]
            if isinstance(section, SectionPage):
                context["most_read"] = most_read(root=section, section=section, request=request)
            return context

        page_context_register(HomePage, home_context)
        page_context_register(SectionPage, section_context)
        page_context_register(ArticlePage, article_context)
        signals_connect()
