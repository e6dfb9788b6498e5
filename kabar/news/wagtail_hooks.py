"""Wiring only: the author profiles' and the tags' admin, and the stories' bulk and quick
edits."""

from django.urls import path
from taggit.models import Tag
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import AuthorPermissionPolicy, AuthorViewSet, TagPermissionPolicy, TagViewSet
from .bulk_actions import ArticleTagsAddBulkAction, ArticleTagsRemoveBulkAction
from .models import Author
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


@hooks.register("register_admin_urls")
def quick_edit_urls():
    return [path("berita/<id:pk>/sunting-cepat/", article_quick_edit_view, name="news_quick_edit")]
