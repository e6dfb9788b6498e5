"""The admin: the assignments list (an editor's plan, a reporter's "my assignments") and the
one click that turns an assignment into the reporter's draft."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import selectors, services
from .models import Assignment


class AssignmentPermissionPolicy(ModelPermissionPolicy):
    """Desk editors (whoever may publish) plan and change every assignment; a reporter sees
    their own and makes their drafts from them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "view") and services.user_is_desk_editor(user):
            return True
        if action == "view":
            return user.is_active and user.has_perm("wagtailadmin.access_admin")
        return super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if services.user_is_desk_editor(user):
            return Assignment.objects.all()
        return Assignment.objects.filter(reporter_id=user.pk)


def reporters():
    return get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct()


def reporter_label(user) -> str:
    return user.get_full_name() or user.get_username()


class AssignmentFilterSet(WagtailFilterSet):
    reporter = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Reporter"), queryset=lambda request: reporters()
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Assignment.Status.choices
    )
    deadline = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Deadline"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Assignment
        fields = ["reporter", "status", "deadline"]


class DraftColumn(Column):
    """The draft: a link to it once made, else the reporter's "Make the draft" button."""

    cell_template_name = "planning/admin/draft_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["can_draft"] = instance.status == Assignment.Status.ASSIGNED and (
            instance.reporter_id == request.user.pk or services.user_is_desk_editor(request.user)
        )
        context["draft_url"] = reverse("planning_assignment_draft", args=[instance.pk])
        context["csrf_token"] = get_token(request)
        return context


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("reporter", "section", "article")
        if not services.user_is_desk_editor(self.request.user):
            queryset = queryset.filter(reporter_id=self.request.user.pk)
        return queryset

    def get_page_title(self):
        if services.user_is_desk_editor(self.request.user):
            return super().get_page_title()
        return _("My assignments")


class AssignmentCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        return instance


class AssignmentViewSet(ModelViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = Assignment
    icon = "clipboard-list"
    menu_label = gettext_lazy("Assignments")
    menu_order = 205
    add_to_admin_menu = True
    url_prefix = "penugasan"
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = AssignmentFilterSet
    search_fields = ["title", "notes"]
    search_backend_name = None
    ordering = ["deadline", "pk"]
    list_per_page = 50
    list_display = [
        "title",
        Column("reporter", label=gettext_lazy("Reporter")),
        Column("section", label=gettext_lazy("Section")),
        DateColumn("deadline", label=gettext_lazy("Deadline")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DraftColumn("article", label=gettext_lazy("Draft")),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("reporter"),
        # A newsroom has a handful of sections: a list, not the page explorer.
        FieldPanel("section", widget=forms.Select),
        FieldPanel("deadline"),
        FieldPanel("notes"),
        FieldPanel("status"),
    ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["reporter"].queryset = reporters()
        form_class.base_fields["reporter"].label_from_instance = reporter_label
        form_class.base_fields["reporter"].required = True
        form_class.base_fields["section"].required = True
        return form_class


assignment_viewset = AssignmentViewSet("planning_assignments")


@require_POST
def assignment_draft_view(request, pk: int):
    """One click: the reporter's draft made (once) and opened in the editor."""
    assignment = get_object_or_404(Assignment, pk=pk)
    try:
        article = services.assignment_draft_create(assignment=assignment, user=request.user)
    except PermissionDenied:
        raise
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planning_assignments:index")
    messages.success(request, _("Draft “%(title)s” is ready.") % {"title": article.title})
    return redirect("wagtailadmin_pages:edit", article.pk)


class MyAssignmentsPanel(Component):
    """The dashboard's "My assignments": what the reporter still has to draft, with the button."""

    name = "my_assignments"
    template_name = "planning/admin/dashboard_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        context["assignments"] = list(selectors.assignments_open_for(user=request.user))
        context["csrf_token"] = get_token(request)
        return context
