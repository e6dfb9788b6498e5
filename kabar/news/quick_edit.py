"""Quick edit of a story's headline and slug, from the "…" menu of its row in the page listing.

A small form that works without JavaScript; the change is saved as a new revision through
kabar.news.edits.article_revise (published only when the story was live with nothing else
pending and the user may publish). Wired in wagtail_hooks.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_valid_next_url_from_request

from .edits import article_revise
from .models import ArticlePage
from .page_menu import ArticleScreenMenuItem


class QuickEditForm(forms.Form):
    title = forms.CharField(label=_("Headline"), max_length=255)
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=255,
        allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True),
        help_text=_("The last part of the story's address."),
    )

    def __init__(self, *args, article: ArticlePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("The headline cannot be empty."))
        return title

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        siblings = self.article.get_parent().get_children().exclude(pk=self.article.pk)
        if siblings.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Another page in this section already has this slug; choose another.")
            )
        return slug


def article_quick_edit_view(request, pk: int):
    """Change a story's headline and slug in a new revision."""
    article = get_object_or_404(ArticlePage, pk=pk)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_explore", args=(article.get_parent().pk,)
    )
    draft = article.get_latest_revision_as_object()
    lock = article.get_lock()
    locked = lock is not None and lock.for_user(request.user)
    form = QuickEditForm(
        request.POST or None,
        article=article,
        initial={"title": draft.title, "slug": draft.slug},
    )
    if request.method == "POST" and not locked and form.is_valid():
        title, slug = form.cleaned_data["title"], form.cleaned_data["slug"]

        def change(page: ArticlePage) -> None:
            page.title, page.draft_title, page.slug = title, title, slug

        revision = article_revise(article=article, user=request.user, change=change)
        if ArticlePage.objects.get(pk=article.pk).live_revision_id == revision.pk:
            messages.success(
                request, gettext("“%(title)s” saved and published.") % {"title": title}
            )
        else:
            messages.success(request, gettext("“%(title)s” saved as a draft.") % {"title": title})
        return redirect(next_url)
    return TemplateResponse(
        request,
        "news/admin/quick_edit.html",
        {"article": article, "form": form, "next": next_url, "locked": locked},
    )


class QuickEditMenuItem(ArticleScreenMenuItem):
    label = _("Quick edit")
    icon_name = "edit"
    priority = 3
    url_name = "news_quick_edit"

    def is_shown(self, user):
        return issubclass(self.page.specific_class or object, ArticlePage) and (
            self.page.permissions_for_user(user).can_edit()
        )
