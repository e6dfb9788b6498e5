"""What the comments section template needs, for the article page and the live fragment."""

from django.urls import reverse

from kabar.core.converters import id_from_text

from . import selectors
from .cookies import commenter_remembered, own_comment_ids
from .forms import CommentForm, form_timestamp_issue
from .models import CommentSettings
from .services import comments_closed_reason

REPLY_PARAM = "balas"


def comment_form_initial(request, article) -> dict:
    """A fresh form's values: article, start time, reply target and remembered details."""
    initial = {"article": article.pk, "started": form_timestamp_issue(article.pk)}
    if reply_to := id_from_text(request.GET.get(REPLY_PARAM, "")):
        initial["parent"] = reply_to
    remembered = commenter_remembered(request)
    if remembered:
        initial.update(remembered, remember=True)
    return initial


def comment_section_context(
    request, article, *, form=None, with_csrf: bool, strict: bool, rules=None
) -> dict:
    """Context for comments/section.html: one page of the thread, the form and the rules."""
    rules = rules or CommentSettings.for_request(request)
    thread = selectors.comment_thread(
        article=article,
        rules=rules,
        page_number=request.GET.get(selectors.PAGE_PARAM, "1"),
        own_ids=own_comment_ids(request),
        strict=strict,
    )
    closed = comments_closed_reason(article=article, rules=rules)
    if form is None and not closed:
        form = CommentForm(initial=comment_form_initial(request, article), user=request.user)
    return {
        "request": request,
        "article": article,
        "thread": thread,
        "rules": rules,
        "form": form,
        "closed_reason": closed,
        "with_csrf": with_csrf,
        "page_param": selectors.PAGE_PARAM,
        "reply_param": REPLY_PARAM,
        "section_url": reverse("comments:section", args=[article.pk]),
        "thread_url": reverse("comments:page", args=[article.pk]),
        "post_url": reverse("comments:post"),
        "user": request.user,
    }
