"""Wiring only: the WordPress import and wire desk pages, their menu items, the source admin,
and the notices an editor sees on an article made from wire copy."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_urls, desk_urls
from .desk_forms import WireSourceForm
from .desk_views import DESK_PERMISSION
from .models import WireItem, WireKeywordTag, WireSource
from .views import IMPORT_PERMISSION


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DESK_PERMISSION)


@hooks.register("register_admin_urls")
def import_admin_urls():
    return [
        path("wordpress-import/", include(admin_urls, namespace="ingest_import")),
        path("kawat/", include(desk_urls, namespace="ingest_wire")),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("WordPress import"),
        reverse("ingest_import:index"),
        icon_name="download",
        order=900,
    )


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return DeskMenuItem(
        _("Wire desk"), reverse("ingest_wire:index"), icon_name="list-ul", order=150
    )


class WireSourceViewSet(ModelViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = WireSource
    url_prefix = "kawat-sumber"
    url_namespace = "ingest_wiresource"
    icon = "link-external"
    menu_label = _("Wire sources")
    list_display = ["name", "kind", "credit", "rule", "last_success_at", "last_error", "items_seen"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return WireSourceForm


class WireKeywordTagViewSet(ModelViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = WireKeywordTag
    url_prefix = "kawat-kata-kunci"
    url_namespace = "ingest_wirekeywordtag"
    icon = "tag"
    menu_label = _("Keyword rules")
    form_fields = ["keyword", "tag"]
    list_display = ["keyword", "tag"]


class WireViewSetGroup(ViewSetGroup):
    items = (WireSourceViewSet, WireKeywordTagViewSet)
    menu_label = _("Wire sources")
    menu_icon = "link-external"
    menu_order = 160


@hooks.register("register_admin_viewset")
def wire_viewsets():
    return WireViewSetGroup()


@hooks.register("before_edit_page")
def wire_article_notices(request, page):
    """Tell the editor when the agency changed or withdrew the copy the article came from."""
    if request.method != "GET":
        return None
    for item in WireItem.objects.filter(article_id=page.pk).exclude(notice=""):
        if item.killed:
            messages.error(request, item.notice)
        else:
            messages.warning(request, item.notice)
    return None
