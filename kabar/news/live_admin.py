"""The live updates page of a live-coverage story: post an update in one short form, remove
one posted by mistake, end or resume the coverage. Works without JavaScript; wired in
wagtail_hooks. Updates go out at once, so only those who may publish the story may post."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .live import live_coverage_end, live_update_post, live_update_remove
from .models import ArticlePage, LiveUpdate
from .page_menu import ArticleScreenMenuItem


class LiveUpdateForm(forms.ModelForm):
    class Meta:
        model = LiveUpdate
        fields = ["headline", "text", "key_point"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"text": {"required": _("Write what happened.")}}


def publishable_article(request, pk: int) -> ArticlePage:
    article = get_object_or_404(ArticlePage, pk=pk)
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return article


def live_updates_view(request, pk: int):
    article = publishable_article(request, pk)
    form = LiveUpdateForm(request.POST or None)
    if request.method == "POST" and article.live_coverage and form.is_valid():
        live_update_post(article=article, user=request.user, **form.cleaned_data)
        messages.success(request, gettext("Update posted: readers see it now."))
        return redirect("news_live_updates", pk=article.pk)
    return TemplateResponse(
        request,
        "news/admin/live_updates.html",
        {"article": article, "form": form, "updates": article.live_updates.all()},
    )


@require_POST
def live_update_remove_view(request, pk: int, update_pk: int):
    article = publishable_article(request, pk)
    update = get_object_or_404(LiveUpdate, pk=update_pk, article=article)
    live_update_remove(update)
    messages.success(request, gettext("Update removed."))
    return redirect("news_live_updates", pk=article.pk)


@require_POST
def live_coverage_end_view(request, pk: int):
    article = publishable_article(request, pk)
    ended = request.POST.get("action") != "resume"
    live_coverage_end(article, ended=ended)
    messages.success(
        request, gettext("Live coverage ended.") if ended else gettext("Live coverage resumed.")
    )
    return redirect("news_live_updates", pk=article.pk)


class LiveUpdatesMenuItem(ArticleScreenMenuItem):
    label = _("Live updates")
    icon_name = "time"
    priority = 4
    url_name = "news_live_updates"

    def is_shown(self, user):
        page = self.page.specific_deferred
        return (
            isinstance(page, ArticlePage)
            and page.live_coverage
            and page.permissions_for_user(user).can_publish()
        )
