"""Posting a comment and the live comments fragment.

CSRF with full-page caching: the article page may be served to everyone from one cached copy,
so it must never carry a CSRF token (a token in a shared page would be one reader's, handed to
all). The article shows only the count and a link to its comments page (`comment_page`, cached
the same way, so rendered without a token). With JavaScript, comments.js replaces that link on
load with `comment_section`, which is never cached and returns a token of the reader's own
(setting the CSRF cookie), fresh comments and the reader's held comments. Without JavaScript
the reader follows the link, and the form there posts without a token; `comment_post`
then runs Django's CSRF check itself and, when it fails, saves nothing and answers with the
same form, the reader's text kept, carrying a fresh token and cookie: one more click sends it.

Each form's signed start time can be posted once (kabar.core.antispam): the confirmation page
and every JSON answer carry a new one, and a form sent again comes back with the reader's text.
"""

import logging

from django import forms
from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from kabar.core.addresses import client_ip
from kabar.core.converters import id_from_text
from kabar.core.personal_data import personal_data_count
from kabar.core.unavailable import unavailable_response
from kabar.news.models import ArticlePage

from . import selectors, services
from .cookies import (
    commenter_forget,
    commenter_remember,
    confirmed_email,
    confirmed_email_remember,
    own_comment_remember,
)
from .forms import CommentForm, ReportForm, form_timestamp_issue
from .models import CommentSettings, ReaderComment
from .notifications import confirmation_comment, personal_data_link_send, unsubscribe_email
from .personal_data import personal_data_email, reader_data_erase, reader_data_export
from .rendering import comment_section_context
from .spam import rate_limit_hit

logger = logging.getLogger(__name__)


def article_for_comments(article_id) -> ArticlePage:
    """The article readers may see and comment on; any other is a 404."""
    article = ArticlePage.objects.visible().filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article")
    return article


def wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@require_GET
def comment_section(request, article_id):
    """The comments section of an article as HTML, for comments.js; never cached."""
    article = article_for_comments(article_id)
    context = comment_section_context(request, article, with_csrf=True, strict=True)
    response = render(request, "comments/section.html", context)
    add_never_cache_headers(response)
    return response


@require_GET
def comment_page(request, article_id):
    """The article's conversation on a page of its own, for readers without JavaScript: the
    article links here, and comments.js puts the live fragment there instead. Cached like the
    article (no CSRF token), and purged with it."""
    article = article_for_comments(article_id)
    context = comment_section_context(request, article, with_csrf=False, strict=True)
    return render(request, "comments/page.html", context)


def _form_again(request, form, *, article, message: str, status: int, started_at=None):
    """The form re-sent with the reader's text, a fresh start token and the reason it failed.

    Every answer carries a token of its own: each token is good for one post. `started_at`
    keeps the reader's own start time: confirming a post that only lacked its CSRF token is
    not a new form, and a fresh time would refuse a prompt confirm as too quick.
    """
    started = form_timestamp_issue(article.pk, started=started_at) if article else ""
    if wants_json(request):
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()} if form else {}
        return JsonResponse(
            {"ok": False, "message": message, "errors": errors, "started": started},
            status=status,
        )
    if form is not None and article is not None:
        form.data = form.data.copy()
        form.data["started"] = started
    response = render(
        request,
        "comments/post_again.html",
        {"form": form, "article": article, "message": message, "with_csrf": True},
        status=status,
    )
    add_never_cache_headers(response)
    return response


@csrf_exempt  # checked below, so a token-less post from a cached page keeps its text
@require_POST
def comment_post(request):
    """Take a comment from the form; redirect to it, or answer JSON for comments.js."""
    form = CommentForm(request.POST, user=request.user)
    article_id = id_from_text(request.POST.get("article", ""))
    if article_id is None:
        raise Http404("No such article")
    try:
        return _comment_post(request, form, article_for_comments(article_id))
    except DatabaseError:
        # Busy or failing database: nothing was stored, and the reader keeps their text on a
        # page that needs nothing from the database (the site's own layout reads it).
        logger.exception("A comment could not be saved")
        message = _("Your comment could not be saved. Please try again in a moment.")
        started = form_timestamp_issue(article_id)  # signed, not stored: no database
        if wants_json(request):
            body = {"ok": False, "message": message, "errors": {}, "started": started}
            return JsonResponse(body, status=503)
        form.data = form.data.copy()
        form.data["started"] = started
        return unavailable_response(render_to_string("comments/unavailable.html", {"form": form}))


def _comment_post(request, form, article):
    rules = CommentSettings.for_request(request)

    csrf_failure = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    if csrf_failure is not None:
        form.is_valid()  # so the form shows the reader's text, not errors about it
        # A genuine start time for this article is kept, in a token of the reader's own: the
        # cached page's token is everyone's. A missing or forged one is not kept.
        start = getattr(form, "form_start", None)
        started_at = start.started if start and start.subject == article.pk else None
        form._errors = {}
        return _form_again(
            request,
            form,
            article=article,
            status=403,
            message=_("Please confirm that you want to send this comment."),
            started_at=started_at,
        )
    if not form.is_valid():
        return _form_again(
            request,
            form,
            article=article,
            status=400,
            message=_("Your comment could not be sent. Please correct the errors below."),
        )
    if not form.started_spend():
        # The same form sent again (a replay, a double click): the reader's text comes back.
        return _form_again(
            request, form, article=article, status=409, message=form.started_messages["spent"]
        )

    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = ReaderComment.objects.filter(pk=data["parent"]).first()
        if parent is None:
            return _form_again(
                request,
                form,
                article=article,
                status=400,
                message=_("The comment you are replying to does not exist."),
            )
    try:
        comment = services.comment_submit(
            article=article,
            rules=rules,
            body=data["body"],
            author_name=data.get("name", ""),
            author_email=data.get("email", ""),
            author_url=data.get("url", ""),
            parent=parent,
            user=request.user,
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            request_meta=request.META,
            notify_replies=data.get("notify", False),
            confirmed_email=confirmed_email(request),
        )
    except services.CommentRejected as exc:
        return _form_again(
            request, form, article=article, message=exc.message, status=exc.status_code
        )
    return _comment_posted(request, form, comment=comment, rules=rules)


def _comment_posted(request, form, *, comment: ReaderComment, rules):
    held = comment.status != ReaderComment.Status.APPROVED
    if comment.awaiting_confirmation:
        message = _("Check your email: follow the link we sent you to confirm your comment.")
    elif held:
        message = _("Your comment is awaiting moderation.")
    else:
        message = _("Thank you. Your comment has been published.")
    if wants_json(request):
        html = render_to_string(
            "comments/comment_posted.html",
            {"comment": comment, "own_pending": held, "rules": rules, "is_new": True},
            request=request,
        )
        response = JsonResponse(
            {
                "ok": True,
                "id": comment.pk,
                "held": held,
                "message": message,
                "parent": comment.parent_id,
                "html": html,
                # The next comment from this form needs a token of its own.
                "started": form_timestamp_issue(comment.article_id),
            },
            status=201,
        )
    else:
        page = selectors.comment_page_number(comment=comment, rules=rules)
        query = f"?{selectors.PAGE_PARAM}={page}" if page > 1 else ""
        thread = reverse("comments:page", args=[comment.article_id])
        response = HttpResponseRedirect(f"{thread}{query}#{comment.anchor}")
        response.status_code = 303
    if comment.status != ReaderComment.Status.SPAM:
        own_comment_remember(request, response, comment.pk)
    if "remember" in form.cleaned_data:
        if form.cleaned_data["remember"]:
            data = form.cleaned_data
            commenter_remember(
                request, response, name=data["name"], email=data["email"], url=data.get("url", "")
            )
        else:
            commenter_forget(response)
    return response


def comment_report(request, comment_id):
    """The "Laporkan" page: a reader tells the moderators what is wrong with a comment."""
    comment = (
        ReaderComment.objects.approved()
        .on_visible_articles()
        .select_related("article")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise Http404("No such comment")
    form = ReportForm(request.POST or None)
    status, message = 200, ""
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_report(
                comment=comment,
                reason=form.cleaned_data["reason"],
                detail=form.cleaned_data["detail"],
                ip=client_ip(request),
            )
        except services.CommentRejected as exc:
            status, message = exc.status_code, exc.message
        else:
            response = render(request, "comments/report_done.html", {"comment": comment})
            add_never_cache_headers(response)
            return response
    elif request.method == "POST":
        status = 400
    response = render(
        request,
        "comments/report.html",
        {"comment": comment, "form": form, "message": message},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def comment_replies_unsubscribe(request, token):
    """Stop reply emails; a GET only asks, so mail scanners following links change nothing."""
    email = unsubscribe_email(token)
    if email is None:
        raise Http404("Invalid unsubscribe link")
    done = False
    if request.method == "POST":
        services.comment_replies_unsubscribe(email=email)
        done = True
    response = render(request, "comments/unsubscribe.html", {"done": done})
    add_never_cache_headers(response)
    return response


@require_GET
def comment_confirm(request, token):
    """The link from the confirmation email: the comment goes on, the browser is remembered."""
    comment = confirmation_comment(token)
    if comment is None:
        raise Http404("Invalid or expired confirmation link")
    comment = services.comment_confirm(comment=comment, rules=CommentSettings.for_request(request))
    response = HttpResponseRedirect(comment.get_absolute_url())
    response.status_code = 303
    own_comment_remember(request, response, comment.pk)
    confirmed_email_remember(request, response, comment.author_email)
    return response


class PersonalDataRequestForm(forms.Form):
    email = forms.EmailField(label=_lazy("Email"), max_length=254)


def personal_data_request(request):
    """Ask for a link to one's comment data; the answer never says whether any exists."""
    form = PersonalDataRequestForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limit, window = settings.COMMENTS_RATE_LIMIT_EMAIL
        if not rate_limit_hit(scope="pdp", key=email, limit=limit, window=window):
            personal_data_link_send(email=email)
        sent = True
    response = render(request, "comments/personal_data_request.html", {"form": form, "sent": sent})
    add_never_cache_headers(response)
    return response


def personal_data_manage(request, token):
    """From the emailed link: download (JSON) or delete one's comments and data."""
    email = personal_data_email(token)
    if email is None:
        raise Http404("Invalid or expired link")
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "export":
        response = JsonResponse(reader_data_export(email=email), json_dumps_params={"indent": 2})
        response["Content-Disposition"] = 'attachment; filename="komentar-saya.json"'
        return response
    erased = reader_data_erase(email=email) if action == "delete" else None
    count = ReaderComment.objects.filter(author_email__iexact=email).count()
    others = personal_data_count(email=email)
    response = render(
        request,
        "comments/personal_data_manage.html",
        {"count": count, "others": others, "erased": erased, "deleted": action == "delete"},
    )
    add_never_cache_headers(response)
    return response
