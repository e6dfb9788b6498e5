"""Hold a signed-in staff member at the second factor until the session has passed it."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from . import selectors

# Where a half-signed-in staff member may still go: the two-factor screens, and out, and what
# those screens load (the admin's icons and JavaScript translations; a redirect there would
# paste a whole page into the icon sprite).
OPEN_URL_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "staff_2fa_setup",
    "staff_2fa_verify",
    "staff_2fa_recovery_codes",
)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.second_factor_pending(request):
            return self.second_factor_redirect(request)
        return self.get_response(request)

    @staticmethod
    def second_factor_pending(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return False
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        if request.path in {reverse(name) for name in OPEN_URL_NAMES}:
            return False
        return selectors.two_factor_enabled(user=user) or selectors.two_factor_required(user=user)

    @staticmethod
    def second_factor_redirect(request):
        user = request.user
        name = "staff_2fa_verify" if selectors.two_factor_enabled(user=user) else "staff_2fa_setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(name)}?{query}")
