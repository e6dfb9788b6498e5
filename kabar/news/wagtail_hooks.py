"""Wiring only: the author profiles' and the tags' admin, the stories' bulk and quick edits,
the live updates page and the most-read report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import AuthorPermissionPolicy, AuthorViewSet, TagPermissionPolicy, TagViewSet
from .bulk_actions import ArticleTagsAddBulkAction, ArticleTagsRemoveBulkAction
from .live_admin import (
    LiveUpdatesMenuItem,
    live_coverage_end_view,
    live_update_remove_view,
    live_updates_view,
)
from .models import Author
from .popular_admin import VIEW_PERMISSION, most_read_report_view
from .quick_edit import QuickEditMenuItem, article_quick_edit_view

register_permission_policy(Author, AuthorPermissionPolicy(Author))
register_permission_policy(Tag, TagPermissionPolicy(Tag))
register_snippet(AuthorViewSet)


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    return TagViewSet()


hooks.register("register_bulk_action", ArticleTagsAddBulkAction)
hooks.register("register_bulk_action", ArticleTagsRemoveBulkAction)


@hooks.register("register_page_listing_more_buttons")
def quick_edit_menu_item(page, user, next_url=None):
    yield QuickEditMenuItem(page=page, next_url=next_url)
    yield LiveUpdatesMenuItem(page=page, next_url=next_url)


@hooks.register("register_page_header_buttons")
def live_updates_header_button(page, user, view_name=None, next_url=None):
    yield LiveUpdatesMenuItem(page=page, next_url=next_url)


@hooks.register("register_admin_urls")
def quick_edit_urls():
    return [
        path("berita/<id:pk>/sunting-cepat/", article_quick_edit_view, name="news_quick_edit"),
        path("berita/<id:pk>/langsung/", live_updates_view, name="news_live_updates"),
        path("berita/<id:pk>/langsung/akhiri/", live_coverage_end_view, name="news_live_end"),
        path(
            "berita/<id:pk>/langsung/<id:update_pk>/hapus/",
            live_update_remove_view,
            name="news_live_update_remove",
        ),
    ]


class MostReadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def most_read_menu_item():
    return MostReadMenuItem(_("Most read"), reverse("news_most_read"), icon_name="pick", order=50)


@hooks.register("register_admin_urls")
def most_read_urls():
    return [path("terpopuler/", most_read_report_view, name="news_most_read")]
