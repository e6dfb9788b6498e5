"""The reader's pages: sign up, confirm, preferences and unsubscribe.

The sign-up form sits in the footer of every page, and those pages are shared from the page
cache, so it carries no CSRF token (a token in a shared page would be one reader's, handed
to all). As comments do (kabar.comments.views), `subscribe` runs the CSRF check itself: a
post without a valid token subscribes nobody and shows the full form with the reader's
choices and a token of their own, one click from done. Only the one-click unsubscribe is
exempt from CSRF outright (RFC 8058: mail programs POST to it with no page and no cookie).
"""

import time

from django.conf import settings
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from kabar.core.addresses import client_ip
from kabar.core.antispam import rate_limit_hit

from . import services
from .emails import preferences_url
from .forms import ChoicesForm, SubscribeForm, form_started_token
from .models import Subscriber


def _never_cached(response):
    add_never_cache_headers(response)
    return response


def _subscribe_page(request, form, *, message: str = "", status: int = 200):
    return _never_cached(
        render(
            request,
            "newsletters/subscribe.html",
            {"form": form, "message": message},
            status=status,
        )
    )


@csrf_exempt  # checked below, so a token-less post from a cached page keeps its choices
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up page, and where every sign-up form posts."""
    if request.method == "GET":
        form = SubscribeForm(initial={"wants_digest": True, "started": form_started_token()})
        return _subscribe_page(request, form)
    form = SubscribeForm(request.POST)
    csrf_failure = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    if csrf_failure is not None:
        form.is_valid()  # so the form shows the reader's choices, not errors about them
        # The footer's form has no start token (the cached page it is on reads the same for
        # everyone): the reader has filled it in already, so the time spent there counts, and
        # a prompt second click is not refused as too quick. A genuine token is kept.
        start = getattr(form, "form_start", None)
        started = start.started if start else int(time.time() - form.started_min_seconds())
        form._errors = {}
        form.data = form.data.copy()
        form.data["started"] = form_started_token(started=started)
        return _subscribe_page(
            request,
            form,
            message=_("Satu langkah lagi: periksa pilihan Anda, lalu tekan Berlangganan."),
        )
    limit, window = settings.NEWSLETTERS_RATE_LIMIT_IP
    if rate_limit_hit(
        scope="newsletter-ip", key=client_ip(request) or "", limit=limit, window=window
    ):
        message = _("Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi nanti.")
        return _subscribe_page(request, form, message=message, status=429)
    if not form.is_valid():
        form.data = form.data.copy()
        start = getattr(form, "form_start", None)
        form.data["started"] = form_started_token(started=start.started if start else None)
        message = _("Langganan belum dapat diproses. Perbaiki isian yang ditandai di bawah.")
        return _subscribe_page(request, form, message=message, status=400)
    data = form.cleaned_data
    limit, window = settings.NEWSLETTERS_RATE_LIMIT_EMAIL
    # Over its limit, an address gets no more email, and the reader the same answer: nobody
    # can flood someone's inbox through us, nor learn anything from the answer.
    if not rate_limit_hit(scope="newsletter-email", key=data["email"], limit=limit, window=window):
        services.subscriber_request(
            email=data["email"],
            wants_digest=data["wants_digest"],
            wants_alerts=data["wants_alerts"],
            sections=data["sections"],
        )
    return redirect("newsletters:sent")


@require_GET
def sent(request):
    return _never_cached(render(request, "newsletters/sent.html"))


@require_GET
def confirm(request, token):
    subscriber = services.subscriber_confirm(token=token)
    context = {"subscriber": subscriber}
    if subscriber is not None:
        context["preferences_url"] = preferences_url(subscriber.email)
    status = 200 if subscriber is not None else 404
    return _never_cached(render(request, "newsletters/confirm.html", context, status=status))


def _subscriber_or_404(token) -> Subscriber:
    subscriber = services.subscriber_for_token(token)
    if subscriber is None:
        raise Http404("Invalid link")
    return subscriber


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = _subscriber_or_404(token)
    saved = False
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            services.subscriber_preferences_update(
                subscriber=subscriber,
                wants_digest=form.cleaned_data["wants_digest"],
                wants_alerts=form.cleaned_data["wants_alerts"],
                sections=form.cleaned_data["sections"],
            )
            saved = True
    else:
        form = ChoicesForm(
            initial={
                "wants_digest": subscriber.wants_digest,
                "wants_alerts": subscriber.wants_alerts,
                "sections": list(subscriber.sections.all()),
            }
        )
    context = {"form": form, "subscriber": subscriber, "saved": saved, "token": token}
    status = 400 if request.method == "POST" and not saved else 200
    return _never_cached(render(request, "newsletters/preferences.html", context, status=status))


@csrf_exempt  # RFC 8058: the mail program's one-click POST carries no token and no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with a button; POST (the button, or a mail program's one click): done."""
    subscriber = _subscriber_or_404(token)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
    context = {"subscriber": subscriber, "done": request.method == "POST", "token": token}
    return _never_cached(render(request, "newsletters/unsubscribe.html", context))
