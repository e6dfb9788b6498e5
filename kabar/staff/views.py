"""The second-factor screens of the admin, and the page a locked-out login gets."""

from base64 import b32encode
from io import BytesIO

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import TwoFactorCodeForm, TwoFactorSetupForm

# Recovery codes wait here between the confirmation and the page that shows them, once.
RECOVERY_CODES_SESSION_KEY = "staff_2fa_recovery_codes"


def next_url(request) -> str:
    """Where to go once the second factor is done: the page asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def qr_code_svg(data: str) -> str:
    """An inline SVG QR code of `data`, drawn on the server (no script, no outside service)."""
    # Imported here: only the set-up screen draws one, and every process imports this module.
    import qrcode
    import qrcode.image.svg

    out = BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app: QR code and secret, then a code from the app confirms it."""
    device = services.totp_device_start(user=request.user)
    form = TwoFactorSetupForm(request.POST or None)
    if form.is_valid():
        codes = services.totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if codes is not None:
            services.two_factor_verify_device(request=request, device=device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            recovery_url = reverse("staff_2fa_recovery_codes")
            return HttpResponseRedirect(f"{recovery_url}?next={next_url(request)}")
        form.add_error("code", _("That code is not right. Check the app and try again."))
    secret = b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": mark_safe(qr_code_svg(device.config_url)),  # drawn above from our own data
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": selectors.two_factor_required(user=request.user),
    }
    return render(request, "staff/two_factor_setup.html", context)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Ask a signed-in staff member with a second factor for its code."""
    form = TwoFactorCodeForm(request.POST or None)
    if form.is_valid():
        if services.two_factor_verify(request=request, token=form.cleaned_data["code"]):
            return HttpResponseRedirect(next_url(request))
        form.add_error("code", _("That code is not right, or it has already been used."))
    context = {"form": form, "next": next_url(request)}
    return render(request, "staff/two_factor_verify.html", context)


@never_cache
def two_factor_recovery_codes(request):
    """Show the new recovery codes, once: they are not kept anywhere readable."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes or not request.user.is_verified():
        return HttpResponseRedirect(reverse("staff_2fa_manage"))
    context = {"codes": codes, "next": next_url(request)}
    return render(request, "staff/two_factor_recovery_codes.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_manage(request):
    """A staff member's second factor: turn it on, renew the recovery codes, or turn it off."""
    user = request.user
    required = selectors.two_factor_required(user=user)
    action = request.POST.get("action")
    if action == "renew" and user.is_verified():
        request.session[RECOVERY_CODES_SESSION_KEY] = services.recovery_codes_renew(user=user)
        return HttpResponseRedirect(reverse("staff_2fa_recovery_codes"))
    if action == "disable" and user.is_verified() and not required:
        services.two_factor_disable(user=user)
        messages.success(request, _("Two-factor authentication is off."))
        return HttpResponseRedirect(reverse("staff_2fa_manage"))
    context = {
        "enabled": selectors.two_factor_enabled(user=user),
        "required": required,
        "codes_left": selectors.recovery_codes_left(user=user),
    }
    return render(request, "staff/two_factor_manage.html", context)


def login_locked_out(request, original_response=None, credentials=None):
    """The answer to a login while the account or address is locked (django-axes)."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    in_admin = request.path.startswith(reverse("wagtailadmin_home"))
    template = "staff/locked_out_admin.html" if in_admin else "staff/locked_out.html"
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, template, context, status=429)
