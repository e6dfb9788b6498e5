"""Wiring only: the author profiles' and the tags' admin."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import AuthorPermissionPolicy, AuthorViewSet
from .models import Author

register_permission_policy(Author, AuthorPermissionPolicy(Author))
register_snippet(AuthorViewSet)
