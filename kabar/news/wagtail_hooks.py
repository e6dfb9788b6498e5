"""Wiring only: the author profiles' and the tags' admin, and the stories' bulk actions."""

from taggit.models import Tag
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import AuthorPermissionPolicy, AuthorViewSet, TagPermissionPolicy, TagViewSet
from .bulk_actions import ArticleTagsAddBulkAction, ArticleTagsRemoveBulkAction
from .models import Author

register_permission_policy(Author, AuthorPermissionPolicy(Author))
register_permission_policy(Tag, TagPermissionPolicy(Tag))
register_snippet(AuthorViewSet)


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    return TagViewSet()


hooks.register("register_bulk_action", ArticleTagsAddBulkAction)
hooks.register("register_bulk_action", ArticleTagsRemoveBulkAction)
