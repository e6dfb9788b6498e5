"""The complaints queue in the Wagtail admin: the list with its PPMS clock, and settling one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from . import selectors, services
from .models import Complaint

URL_NAMESPACE = "complaints_admin"
Status = Complaint.Status


def age_text(complaint: Complaint) -> str:
    """ "5 h" since it came in, or "2 d 3 h"."""
    hours = complaint.clock().waiting_hours
    days, hours = divmod(hours, 24)
    if days:
        return gettext("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    return gettext("%(hours)s h") % {"hours": hours}


def clock_text(complaint: Complaint) -> str:
    """What is left of the 2×24 hours, or that it is overdue; nothing once settled."""
    if not complaint.is_open:
        return ""
    clock = complaint.clock()
    if clock.overdue:
        return gettext("Overdue: past the 2×24-hour limit")
    return gettext("%(hours)s h left") % {"hours": clock.left_hours}


class ClockColumn(Column):
    """The PPMS clock, marked so an overdue complaint stands out in the list."""

    cell_template_name = "complaints/admin/clock_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_open and instance.clock().overdue
        return context


class AcceptForm(forms.Form):
    party = forms.CharField(label=_("Whose reply it is"), max_length=200)
    text = forms.CharField(
        label=_("Text of the right of reply as published"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting (emailed to the complainant)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _may_handle(request) -> None:
    if not request.user.has_perm("complaints.change_complaint"):
        raise PermissionDenied


class ComplaintEditView(generic.EditView):
    template_name = "complaints/admin/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        context.update(
            complaint=complaint,
            age=age_text(complaint),
            clock=clock_text(complaint),
            overdue=complaint.is_open and complaint.clock().overdue,
            accept_form=AcceptForm(initial={"party": complaint.name, "text": complaint.response}),
            reject_form=RejectForm(),
            corrections_available=services.correction_add_function() is not None,
        )
        return context


@require_POST
def complaint_start_view(request, pk):
    _may_handle(request)
    complaint = get_object_or_404(Complaint, pk=pk)
    try:
        services.complaint_start(complaint=complaint, user=request.user)
    except services.ComplaintRejected as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The complaint is now in progress."))
    return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[pk]))


def complaint_accept_view(request, pk):
    """Publish: a right of reply becomes the Hak Jawab note on the article in this one step."""
    _may_handle(request)
    complaint = get_object_or_404(Complaint.objects.select_related("article"), pk=pk)
    if request.method != "POST":
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[pk]))
    form = AcceptForm(request.POST)
    if complaint.kind == Complaint.Kind.RIGHT_OF_REPLY and not form.is_valid():
        messages.error(request, _("Please give the party and the text of the reply."))
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[pk]))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    try:
        services.complaint_accept(
            complaint=complaint,
            user=request.user,
            text=data.get("text", ""),
            party=data.get("party", ""),
        )
    except services.ComplaintRejected as exc:
        messages.error(request, exc.message)
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[pk]))
    if complaint.kind == Complaint.Kind.RIGHT_OF_REPLY:
        messages.success(request, _("The right of reply is published on the article."))
    else:
        messages.success(request, _("The complaint is marked as published."))
    return redirect(reverse(f"{URL_NAMESPACE}:index"))


@require_POST
def complaint_reject_view(request, pk):
    _may_handle(request)
    complaint = get_object_or_404(Complaint, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the reason for rejecting the complaint."))
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[pk]))
    try:
        services.complaint_reject(
            complaint=complaint, user=request.user, reason=form.cleaned_data["reason"]
        )
    except services.ComplaintRejected as exc:
        messages.error(request, exc.message)
        return redirect(reverse(f"{URL_NAMESPACE}:edit", args=[pk]))
    messages.success(request, _("The complaint is rejected and the complainant told why."))
    return redirect(reverse(f"{URL_NAMESPACE}:index"))


def complaint_attachment_view(request, pk):
    """The attachment, to staff who may handle complaints only; it has no public address."""
    _may_handle(request)
    complaint = get_object_or_404(Complaint, pk=pk)
    if not complaint.attachment:
        raise Http404("No attachment")
    return FileResponse(
        complaint.attachment.open("rb"),
        as_attachment=True,
        filename=complaint.attachment.name.rsplit("/", 1)[-1],
    )


class ComplaintViewSet(ModelViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = Complaint
    icon = "warning"
    menu_label = _("Complaints")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "pengaduan"
    name = URL_NAMESPACE
    edit_view_class = ComplaintEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["status", "kind", "assigned_to"]
    search_fields = ["name", "email", "phone", "disputed", "response"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("article", label=_("Article")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda c: c.is_open,
        ),
        Column("assigned_to", label=_("Assigned editor")),
        DateColumn("created_at", label=_("Received")),
        Column("age", label=_("Age"), accessor=age_text),
        ClockColumn("clock", label=_("Service clock (2×24 hours)"), accessor=clock_text),
    ]
    panels = [
        FieldPanel("kind"),
        PageChooserPanel("article", "news.ArticlePage"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("disputed"),
        FieldPanel("response"),
        FieldPanel("assigned_to"),
        FieldPanel("internal_notes"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels).bind_to_model(self.model)

    def get_queryset(self, request):
        return Complaint.objects.select_related("article", "assigned_to")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("start/<id:pk>/", complaint_start_view, name="start"),
            path("accept/<id:pk>/", complaint_accept_view, name="accept"),
            path("reject/<id:pk>/", complaint_reject_view, name="reject"),
            path("attachment/<id:pk>/", complaint_attachment_view, name="attachment"),
        ]


class OverdueComplaintsPanel(Component):
    """The dashboard's warning: complaints past the 2×24 hours, oldest first."""

    name = "overdue_complaints"
    template_name = "complaints/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        overdue = selectors.complaints_overdue()
        context.update(
            overdue=[(c, age_text(c)) for c in overdue],
            open_count=selectors.complaints_open_count(),
            heading=ngettext(
                "%(n)s complaint past the 2×24-hour limit",
                "%(n)s complaints past the 2×24-hour limit",
                len(overdue),
            )
            % {"n": len(overdue)},
        )
        return context
