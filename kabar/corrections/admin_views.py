"""The admin: notes on stories, withdrawing a story, the stories awaiting verification."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from kabar.core.converters import id_from_text
from kabar.news.models import ArticlePage

from . import services
from .models import Correction


class CorrectionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Correction.Kind.choices)
    article = django_filters.NumberFilter(label=gettext_lazy("Article ID"))

    class Meta:
        model = Correction
        fields = ["kind", "article"]


class CorrectionCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Correction()
        if article_id := id_from_text(self.request.GET.get("article", "")):
            instance.article = ArticlePage.objects.filter(pk=article_id).first()
        return instance

    def save_instance(self):
        data = self.form.cleaned_data
        return services.correction_add(
            article=data["article"],
            kind=data["kind"],
            text=data["text"],
            party=data.get("party", ""),
            user=self.request.user,
        )


class CorrectionEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.correction_update(
            correction=self.object,
            kind=data["kind"],
            text=data["text"],
            party=data.get("party", ""),
            user=self.request.user,
        )


class CorrectionViewSet(ModelViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = Correction
    icon = "warning"
    menu_label = gettext_lazy("Corrections")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "koreksi"
    # Notes stay with the story (PPMS 4): editors may add and edit them; only the
    # Administrator role holds the delete permission, for a note added by mistake.
    inspect_view_enabled = True
    add_view_class = CorrectionCreateView
    edit_view_class = CorrectionEditView
    filterset_class = CorrectionFilterSet
    search_fields = ["text", "party"]
    list_display = [
        TitleColumn("article", label=gettext_lazy("Article"), url_name="correction_notes:edit"),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        DateColumn("created_at", label=gettext_lazy("Time")),
        Column("created_by", label=gettext_lazy("Added by")),
    ]
    panels = [
        FieldPanel("article"),
        FieldPanel("kind"),
        FieldPanel("party"),
        FieldPanel("text"),
    ]

    def get_queryset(self, request):
        return Correction.objects.select_related("article", "created_by")


correction_viewset = CorrectionViewSet("correction_notes")


def public_reason_field(help_text) -> forms.CharField:
    """The reason readers are given for a withdrawal or for undoing one; required."""
    return forms.CharField(
        label=gettext_lazy("Public reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
        max_length=2000,
        error_messages={"required": gettext_lazy("Give the reason readers will see.")},
    )


class WithdrawForm(forms.Form):
    reason = public_reason_field(
        gettext_lazy(
            "Readers see this on the article's address, which answers 410 Gone from now on."
        )
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand the article leaves the site's listings, search, "
            "feeds and sitemaps at once."
        ),
    )


def withdrawal_step(request, page_id: int, *, form_class, change, done: str, template: str):
    """Withdraw a story or undo its withdrawal: the editor's reason goes to `change`; the
    service's refusals come back as form errors."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not services.user_can_withdraw(request.user):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change(article=article, reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done % {"title": article.title})
            return redirect("wagtailadmin_explore", article.get_parent().pk)
    return TemplateResponse(request, template, {"article": article, "form": form})


def article_withdraw_view(request, page_id: int):
    return withdrawal_step(
        request,
        page_id,
        form_class=WithdrawForm,
        change=services.article_withdraw,
        done=_("“%(title)s” has been withdrawn."),
        template="corrections/admin/withdraw.html",
    )


class ReinstateForm(forms.Form):
    reason = public_reason_field(
        gettext_lazy(
            "Readers see it in an update note on the story, beside the time it was withdrawn."
        )
    )


def article_reinstate_view(request, page_id: int):
    return withdrawal_step(
        request,
        page_id,
        form_class=ReinstateForm,
        change=services.article_reinstate,
        done=_("“%(title)s” is back on the site."),
        template="corrections/admin/reinstate.html",
    )


def unverified_list_view(request):
    """Stories published awaiting verification, the oldest first, with their age."""
    if not request.user.has_perm("corrections.add_correction"):
        raise PermissionDenied
    now = timezone.now()
    articles = list(
        ArticlePage.objects.live()
        .not_withdrawn()
        .filter(unverified=True)
        .defer_streamfields()
        .order_by("first_published_at", "pk")
    )
    for article in articles:
        article.age = now - (article.first_published_at or now)
    return TemplateResponse(
        request,
        "corrections/admin/unverified.html",
        {"articles": articles, "add_url": reverse("correction_notes:add")},
    )
