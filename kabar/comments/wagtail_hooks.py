"""Wiring only: the moderation queue, its bulk actions and the audit trail's action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import (
    COMMENT_BULK_ACTIONS,
    CommentPermissionPolicy,
    DeleteCommentsBulkAction,
    ReaderCommentViewSet,
)
from .models import ReaderComment

register_permission_policy(ReaderComment, CommentPermissionPolicy(ReaderComment))
register_snippet(ReaderCommentViewSet)

for bulk_action in COMMENT_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
# After Wagtail's snippet "Delete", which it replaces for comments.
hooks.register("register_bulk_action", DeleteCommentsBulkAction, order=1)


@hooks.register("register_log_actions")
def comment_log_actions(actions):
    actions.register_action("comments.approve", _("Approve comment"), _("Comment approved"))
    actions.register_action("comments.unapprove", _("Unapprove comment"), _("Comment unapproved"))
    actions.register_action("comments.spam", _("Mark comment as spam"), _("Comment marked as spam"))
    actions.register_action("comments.trash", _("Trash comment"), _("Comment moved to trash"))
    actions.register_action("comments.restore", _("Restore comment"), _("Comment restored"))
