"""Wiring only: the complaints queue, the dashboard warning and the audit trail's action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import ComplaintViewSet, OverdueComplaintsPanel


@hooks.register("register_admin_viewset")
def complaint_viewset():
    return ComplaintViewSet()


@hooks.register("construct_homepage_panels")
def complaint_dashboard_panel(request, panels):
    if request.user.has_perm("complaints.change_complaint"):
        panels.append(OverdueComplaintsPanel())


@hooks.register("register_log_actions")
def complaint_log_actions(actions):
    actions.register_action("complaints.start", _("Take on complaint"), _("Complaint in progress"))
    actions.register_action(
        "complaints.publish", _("Publish complaint"), _("Complaint published on the article")
    )
    actions.register_action("complaints.reject", _("Reject complaint"), _("Complaint rejected"))
