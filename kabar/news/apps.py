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
        from .models.pages import context_lazy
        from .popular import most_read, most_read_refresh_limit

        # Each read only when the template uses it: the page's fragments may hold it already.
        def home_context(*, page, request):
            seconds = most_read_refresh_limit(request)
            return {
                "most_read_seconds": seconds,
                **context_lazy(
                    lambda: {
                        **selectors.home_page_context(home=page),
                        "most_read": most_read(root=page),
                    },
                    ("lead_story", "top_stories", "latest", "section_blocks", "most_read"),
                ),
            }

        def section_context(*, page, request):
            seconds = most_read_refresh_limit(request)
            return {
                "most_read_seconds": seconds,
                **context_lazy(
                    lambda: {
                        **selectors.section_page_context(section=page, request=request),
                        "most_read": most_read(root=page, section=page),
                    },
                    ("articles", "subsections", "most_read"),
                ),
            }

        def article_context(*, page, request):
            seconds = most_read_refresh_limit(request)

            def read():
                context = selectors.article_page_context(article=page)
                section = context["section"]
                if isinstance(section, SectionPage):
                    context["most_read"] = most_read(root=section, section=section)
                else:
                    context["most_read"] = {}
                return context

            keys = ("section", "breadcrumb_sections", "authorships", "credits", "tags")
            lazy = context_lazy(read, (*keys, "secondary_sections", "most_read"))
            return {"most_read_seconds": seconds, **lazy}

        page_context_register(HomePage, home_context)
        page_context_register(SectionPage, section_context)
        page_context_register(ArticlePage, article_context)
        signals_connect()
