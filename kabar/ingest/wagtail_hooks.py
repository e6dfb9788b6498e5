"""Wiring only: the WordPress import pages and their menu item in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .views import IMPORT_PERMISSION


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def import_admin_urls():
    return [path("wordpress-import/", include(admin_urls, namespace="ingest_import"))]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("WordPress import"), reverse("ingest_import:index"), icon_name="download", order=900
    )
