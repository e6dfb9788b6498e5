"""Wiring only: the editorial checklist in the admin, and its entry in a page's history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .checklist import CHECKLIST_LOG_ACTION, ChecklistItem


class ChecklistItemViewSet(SnippetViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = ChecklistItem
    icon = "tasks"
    menu_label = _("Editorial checklist")
    list_display = ["text", "active", "sort_order"]
    ordering = ["sort_order", "pk"]


register_snippet(ChecklistItemViewSet)


@hooks.register("register_log_actions")
def checklist_log_actions(actions):
    @actions.register_action(CHECKLIST_LOG_ACTION)
    class ChecklistLogFormatter(LogFormatter):
        label = _("Tick the editorial checklist")

        def format_message(self, log_entry):
            """ "Editorial checklist ticked: a; b; c" in the page's history."""
            items = (log_entry.data or {}).get("items", [])
            return _("Editorial checklist ticked: %(items)s") % {"items": "; ".join(items)}
