"""Read-only panels of the article editor."""

from wagtail.admin.panels import Panel

from kabar.news.metrics import WORDS_PER_MINUTE, article_word_count, reading_minutes

# The page models import this module: the view counts' model is imported when a panel renders.
VIEW_PERMISSION = "news.view_articleviews"


class WritingMetricsPanel(Panel):
    """The story's word count and reading time: the saved revision's, counted on the server,
    then kept up to date by writing.js while the editor types."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/writing_metrics_panel.html"

        class Media:
            js = ["news/admin/writing.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            words = article_word_count(self.instance)
            context.update(
                words=words,
                minutes=reading_minutes(words),
                words_per_minute=WORDS_PER_MINUTE,
            )
            return context


class ReadersPanel(Panel):
    """How many readers opened the story: the last 24 hours, the last 7 days and ever."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/readers_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and self.request.user.has_perm(VIEW_PERMISSION)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            from kabar.news.popular import article_views_summary

            context["views"] = article_views_summary(self.instance)
            return context
