"""The article editor's search-result and share-card preview (added to ArticlePage's promote
tab by SeoConfig.ready(), since news may not import seo)."""

from wagtail.admin.panels import Panel

from .previews import (
    CARD_DESCRIPTION_CHARS,
    CARD_TITLE_CHARS,
    SEARCH_DESCRIPTION_CHARS,
    SEARCH_TITLE_CHARS,
    share_preview_read,
)


class SharePreviewPanel(Panel):
    """The saved revision's Google result and WhatsApp/Facebook card, rendered on the server;
    previews.js redraws them from the form as the editor types."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "seo/admin/share_preview_panel.html"

        class Media:
            css = {"all": ["seo/admin/previews.css"]}
            js = ["seo/admin/previews.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            parent = page.get_parent() if page.pk else getattr(self.form, "parent_page", None)
            context["preview"] = (
                share_preview_read(page=page, parent=parent, request=self.request)
                if parent is not None
                else None
            )
            context["limits"] = {
                "search_title": SEARCH_TITLE_CHARS,
                "search_description": SEARCH_DESCRIPTION_CHARS,
                "card_title": CARD_TITLE_CHARS,
                "card_description": CARD_DESCRIPTION_CHARS,
            }
            return context
