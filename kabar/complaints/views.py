"""The public complaint form: on a page of its own, and for one article from under it.

The article page is cached for everyone and so carries no CSRF token; it links here, to a page
rendered for each reader with a token of their own, which works without JavaScript.
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from kabar.core.addresses import client_ip
from kabar.news.models import ArticlePage

from . import services
from .forms import ComplaintForm, form_started_token
from .models import Complaint


def _render(request, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def complaint_form(request, article_id: int | None = None):
    """Show the form; take a submission and send the complainant to the receipt page."""
    article = None
    if article_id is not None:
        article = ArticlePage.objects.visible().filter(pk=article_id).first()
        if article is None:
            raise Http404("No such article")
    initial = {"started": form_started_token()}
    # "?jenis=hak_jawab" preselects the kind, for links such as "Ajukan hak jawab".
    if request.GET.get("jenis") in Complaint.Kind.values:
        initial["kind"] = request.GET["jenis"]
    form = ComplaintForm(
        request.POST or None,
        request.FILES or None,
        request=request,
        article=article,
        initial=initial,
    )
    status, message = 200, ""
    if request.method == "POST":
        if not form.is_valid():
            status = 400
            message = _("Your submission could not be sent. Please correct the errors below.")
        elif not form.started_spend():
            # The same form sent again (a replay, a double click): nothing is stored twice.
            status, message = 409, form.started_messages["spent"]
        else:
            data = form.cleaned_data
            try:
                services.complaint_submit(
                    kind=data["kind"],
                    article=form.article,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    disputed=data["disputed"],
                    response=data["response"],
                    attachment=data.get("attachment"),
                    ip=client_ip(request),
                )
            except services.ComplaintRejected as exc:
                status, message = exc.status_code, exc.message
            else:
                response = HttpResponseRedirect(reverse("complaints:sent"))
                response.status_code = 303
                return response
        # A new start time: the reader has already spent theirs, and an attachment must be
        # chosen again (browsers never keep a file input's value).
        form.data = form.data.copy()
        form.data["started"] = form_started_token()
    return _render(
        request,
        "complaints/form.html",
        {"form": form, "article": article, "message": message},
        status=status,
    )


def complaint_sent(request):
    return _render(request, "complaints/sent.html", {})
