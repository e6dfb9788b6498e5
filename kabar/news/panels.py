"""Read-only panels of the article editor."""

from wagtail.admin.panels import Panel

from kabar.news.metrics import WORDS_PER_MINUTE, article_word_count, reading_minutes


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
