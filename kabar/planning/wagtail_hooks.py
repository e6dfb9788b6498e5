"""Wiring only: the assignments' admin and its one-click draft."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Assignment

register_permission_policy(Assignment, admin_views.AssignmentPermissionPolicy(Assignment))


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return admin_views.assignment_viewset


@hooks.register("register_admin_urls")
def planning_admin_urls():
    return [
        path(
            "penugasan-draf/<id:pk>/",
            admin_views.assignment_draft_view,
            name="planning_assignment_draft",
        ),
    ]


@hooks.register("construct_homepage_panels")
def my_assignments_panel(request, panels):
    panels.append(admin_views.MyAssignmentsPanel())
