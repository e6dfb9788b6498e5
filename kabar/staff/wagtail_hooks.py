from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, views


@hooks.register("register_admin_urls")
def staff_admin_urls():
    return [
        path("dua-faktor/", views.two_factor_manage, name="staff_2fa_manage"),
        path("dua-faktor/pasang/", views.two_factor_setup, name="staff_2fa_setup"),
        path("dua-faktor/verifikasi/", views.two_factor_verify, name="staff_2fa_verify"),
        path(
            "dua-faktor/kode-pemulihan/",
            views.two_factor_recovery_codes,
            name="staff_2fa_recovery_codes",
        ),
        path("perencanaan/", admin_views.planning_calendar, name="staff_planning"),
    ]


@hooks.register("register_admin_menu_item")
def planning_menu_item():
    return MenuItem(
        _("Planning"), reverse("staff_planning"), icon_name="calendar", name="planning", order=250
    )


class AccountMenuItem:
    label = _("Two-factor authentication")
    help_text = _("An authenticator app code after your password, and recovery codes.")

    @property
    def url(self):
        return reverse("staff_2fa_manage")


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return AccountMenuItem()
