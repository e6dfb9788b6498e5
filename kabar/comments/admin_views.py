"""The moderation queue in the Wagtail admin: listing, filters, bulk actions and staff replies.

Every change a moderator makes (edit, delete, a status through a bulk action) goes through
kabar.comments.services, which purges the pages showing a published comment; Wagtail's own
snippet views would save or delete the row and leave the old text in the page cache.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, SnippetViewSet

from kabar.news.models import ArticlePage

from . import personal_data, selectors, services
from .models import CommentReport, CommentSettings, ReaderComment

Status = ReaderComment.Status
URL_NAMESPACE = "wagtailsnippets_comments_readercomment"
REPLY_URL_NAME = f"{URL_NAMESPACE}:reply"
PERSONAL_DATA_URL_NAME = f"{URL_NAMESPACE}:personal_data"


def comment_status_counts() -> dict[str, int]:
    """How many comments are in each status, in one query."""
    rows = ReaderComment.objects.order_by().values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


class ReaderCommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    article = django_filters.ModelChoiceFilter(
        label=_("Article"),
        queryset=ArticlePage.objects.filter(reader_comments__isnull=False).distinct(),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Posted"), widget=DateRangePickerWidget
    )
    author_email = django_filters.CharFilter(label=_("Author email"), lookup_expr="iexact")
    author_ip = django_filters.CharFilter(label=_("IP address"))
    reported = django_filters.ChoiceFilter(
        label=_("Reports"), choices=[("1", _("Reported"))], method="filter_reported"
    )

    class Meta:
        model = ReaderComment
        fields = ["status", "reported", "article", "created_at", "author_email", "author_ip"]

    def filter_reported(self, queryset, name, value):
        # Through the open-reports subquery: a join on `reports` would also match, with its
        # NULL `resolved_at`, every comment that has no report at all.
        if not value:
            return queryset
        return queryset.filter(pk__in=CommentReport.objects.open().values("comment_id"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The status choices carry their counts, as WordPress's "Pending (3)" links do.
        counts = comment_status_counts()
        self.filters["status"].extra["choices"] = [
            (value, f"{label} ({counts[value]})") for value, label in Status.choices
        ]
        reported = selectors.comment_reported_count()
        self.filters["reported"].extra["choices"] = [("1", f"{gettext('Reported')} ({reported})")]


def report_clock_text(comment) -> str:
    """ "2 reports · waiting 5 h · 43 h left" against Dewan Pers' 2×24-hour limit."""
    clock = selectors.report_clock(first_report_at=getattr(comment, "first_report_at", None))
    if clock is None:
        return ""
    hours = int(clock.waiting.total_seconds() // 3600)
    text = ngettext("%(n)s report", "%(n)s reports", comment.open_reports) % {
        "n": comment.open_reports
    }
    text += " · " + gettext("waiting %(hours)s h") % {"hours": hours}
    if clock.overdue:
        return text + " · " + gettext("past the 2×24-hour limit")
    left = int(clock.left.total_seconds() // 3600)
    return text + " · " + gettext("%(hours)s h left") % {"hours": left}


def report_reasons_text(comment) -> str:
    """What the readers who reported the comment said: "Spam or advertising: their note"."""
    return "; ".join(
        f"{report.get_reason_display()}: {report.detail}"
        if report.detail
        else str(report.get_reason_display())
        for report in getattr(comment, "open_report_list", ())
    )


class CommentReportsPanel(Panel):
    """The readers' reports on the comment's page: reason, note and when, open ones first."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comments/admin/reports_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            reports = (
                self.instance.reports.order_by(F("resolved_at").asc(nulls_first=True), "created_at")
                if self.instance.pk
                else []
            )
            context["reports"] = list(reports)
            return context


class ReaderCommentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Status.APPROVED:
            url = reverse(REPLY_URL_NAME, args=[instance.pk])
            buttons.insert(0, Button(_("Reply"), url=url, icon_name="comment", priority=5))
        return buttons

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Commenter's personal data (UU PDP)"),
                url=reverse(PERSONAL_DATA_URL_NAME),
                icon_name="user",
            ),
        ]


class ReaderCommentEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.comment_edit(
            comment=self.form.instance,
            editor=self.request.user,
            body=data["body"],
            author_name=data["author_name"],
            author_url=data.get("author_url", ""),
        )


class ReaderCommentDeleteView(DeleteView):
    def delete_action(self):
        services.comments_delete(comments=[self.object], user=self.request.user)


class StaffReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6}))


def comment_reply_view(request, pk):
    """Reply to a reader's comment as the logged-in staff member."""
    comment = get_object_or_404(ReaderComment.objects.select_related("article"), pk=pk)
    if not request.user.has_perm("comments.change_readercomment"):
        raise PermissionDenied
    form = StaffReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site = comment.article.get_site() or Site.objects.get(is_default_site=True)
        try:
            reply = services.comment_submit(
                article=comment.article,
                rules=CommentSettings.for_site(site),
                body=form.cleaned_data["body"],
                parent=comment,
                user=request.user,
                ip=request.META.get("REMOTE_ADDR"),
            )
        except services.CommentRejected as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("Your reply has been published."))
            return redirect(reverse(f"{URL_NAMESPACE}:list") + f"?article={reply.article_id}")
    return TemplateResponse(
        request,
        "comments/admin/reply.html",
        {
            "comment": comment,
            "form": form,
        },
    )


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("Commenter's email address"))


def personal_data_admin_view(request):
    """Export or erase a commenter's data for them, as UU PDP lets them ask."""
    if not request.user.has_perm("comments.delete_readercomment"):
        raise PermissionDenied
    form = PersonalDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if request.POST.get("action") == "export":
            response = JsonResponse(
                personal_data.reader_data_export(email=email), json_dumps_params={"indent": 2}
            )
            response["Content-Disposition"] = 'attachment; filename="data-komentar.json"'
            return response
        if request.POST.get("action") == "delete":
            count = personal_data.reader_data_erase(email=email)
            messages.success(
                request,
                ngettext("%(n)s comment deleted.", "%(n)s comments deleted.", count) % {"n": count},
            )
            return redirect(reverse(PERSONAL_DATA_URL_NAME))
    return TemplateResponse(request, "comments/admin/personal_data.html", {"form": form})


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers, and staff answer from a comment (`reply`): nobody, not even
    a superuser, adds one from a blank form, which has no article to hang it on."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReaderCommentViewSet(SnippetViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = ReaderComment
    icon = "comment"
    menu_label = _("Reader comments")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ReaderCommentIndexView
    edit_view_class = ReaderCommentEditView
    delete_view_class = ReaderCommentDeleteView
    filterset_class = ReaderCommentFilterSet
    search_fields = ["body", "author_name", "author_email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    copy_view_enabled = False
    list_display = [
        "author_name",
        Column("excerpt", label=_("Comment")),
        Column("article", label=_("Article")),
        Column("get_status_display", label=_("Status")),
        DateColumn("created_at", label=_("Posted")),
        Column("reports", label=_("Reports"), accessor=report_clock_text),
        Column("report_reasons", label=_("Reported because"), accessor=report_reasons_text),
    ]
    panels = [
        FieldPanel("body"),
        FieldPanel("author_name"),
        FieldPanel("author_url"),
        CommentReportsPanel(heading=_("Readers' reports")),
    ]

    def get_queryset(self, request):
        open_reports = Prefetch(
            "reports",
            queryset=CommentReport.objects.open().order_by("created_at"),
            to_attr="open_report_list",
        )
        return selectors.comments_with_reports(
            ReaderComment.objects.select_related("article").prefetch_related(open_reports)
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("reply/<id:pk>/", comment_reply_view, name="reply"),
            path("personal-data/", personal_data_admin_view, name="personal_data"),
        ]


class CommentBulkAction(SnippetBulkAction):
    """A moderation step applied to every selected comment through its service."""

    models = [ReaderComment]
    template_name = "comments/admin/bulk_confirm.html"
    service = None
    success_message = ""

    def check_perm(self, obj):
        return self.request.user.has_perm("comments.change_readercomment")

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            cls.service(comment=comment, moderator=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    service = staticmethod(services.comment_approve)
    success_message = _("%(count)s comment(s) approved.")


class UnapproveBulkAction(CommentBulkAction):
    display_name = _("Unapprove")
    action_type = "unapprove"
    aria_label = _("Unapprove selected comments")
    action_priority = 11
    service = staticmethod(services.comment_unapprove)
    success_message = _("%(count)s comment(s) unapproved.")


class SpamBulkAction(CommentBulkAction):
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 12
    service = staticmethod(services.comment_mark_spam)
    success_message = _("%(count)s comment(s) marked as spam.")


class TrashBulkAction(CommentBulkAction):
    display_name = _("Trash")
    action_type = "trash"
    aria_label = _("Move selected comments to the trash")
    action_priority = 13
    service = staticmethod(services.comment_trash)
    success_message = _("%(count)s comment(s) moved to the trash.")


class RestoreBulkAction(CommentBulkAction):
    display_name = _("Restore")
    action_type = "restore"
    aria_label = _("Restore selected comments")
    action_priority = 14
    service = staticmethod(services.comment_restore)
    success_message = _("%(count)s comment(s) restored.")


class DeleteCommentsBulkAction(DeleteBulkAction):
    """Wagtail's "Delete" for comments, through the service that purges the article's pages.

    Registered after Wagtail's own (hook order 1), so it takes its place for comments only.
    """

    models = [ReaderComment]

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        services.comments_delete(comments=objects, user=user)
        return len(objects), 0


COMMENT_BULK_ACTIONS = [
    ApproveBulkAction,
    UnapproveBulkAction,
    SpamBulkAction,
    TrashBulkAction,
    RestoreBulkAction,
]
