"""Wiring only: the complaints queue, the dashboard warning and the audit trail's action names."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page

from .admin_views import ComplaintViewSet, OverdueComplaintsPanel
from .selectors import complaints_about_pages


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


def deletion_refused(request, pages, back_to):
    """A story a complaint is about is kept with it (PPMS: the record of a dispute stays), so
    deleting it, or a section above it, is refused with a message instead of a server error."""
    count = complaints_about_pages(pages)
    if not count:
        return None
    messages.error(
        request,
        ngettext(
            "%(count)d complaint concerns this page or a story below it, so it cannot be "
            "deleted. Withdraw the story instead: its address then answers 410 with the reason.",
            "%(count)d complaints concern this page or a story below it, so it cannot be "
            "deleted. Withdraw the story instead: its address then answers 410 with the reason.",
            count,
        )
        % {"count": count},
    )
    return redirect("wagtailadmin_explore", back_to)


@hooks.register("before_delete_page")
def keep_stories_with_complaints(request, page):
    return deletion_refused(request, [page], page.get_parent().pk)


@hooks.register("before_bulk_action")
def keep_stories_with_complaints_in_bulk(request, action_type, objects, action_class_instance):
    pages = [o for o in objects if isinstance(o, Page)]
    if action_type == "delete" and pages:
        return deletion_refused(request, pages, pages[0].get_parent().pk)
