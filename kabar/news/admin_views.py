"""The admin: author profiles, and the tags' rename, merge and delete."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from .models import Author, AuthorRole


class AuthorPermissionPolicy(ModelPermissionPolicy):
    """Editors and Administrators manage every profile; a writer edits only their own.

    Managing authors is the `news.change_author` permission: whoever holds it may delete a
    profile too (the roles give editors no separate delete permission). A user whose account
    is linked to a profile may change that profile, and no other.
    """

    def manages(self, user) -> bool:
        return user.has_perm("news.change_author") or user.has_perm("news.delete_author")

    def user_has_permission(self, user, action):
        if action == "delete":
            return user.has_perm("news.change_author") or super().user_has_permission(user, action)
        if action == "change" and not super().user_has_permission(user, action):
            return user.is_active and Author.objects.filter(user_id=user.pk).exists()
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change" and not super().user_has_permission(user, "change"):
            return user.is_active and instance.user_id is not None and instance.user_id == user.pk
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.manages(user) or not {"change", "delete"} & set(actions):
            return super().instances_user_has_any_permission_for(user, actions)
        return Author.objects.filter(user_id=user.pk)


class AuthorForm(WagtailAdminModelForm):
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=AuthorRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What this person does in the newsroom."),
    )


class AuthorEditView(EditView):
    def get_object(self, queryset=None):
        author = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", author
        ):
            raise PermissionDenied
        return author


class AuthorIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class AuthorChooserViewSet(SnippetChooserViewSet):
    # The byline keeps its plain list of names: quicker for a reporter than a modal.
    register_widget = False


class AuthorViewSet(SnippetViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 230
    add_to_admin_menu = True
    url_prefix = "penulis"
    chooser_viewset_class = AuthorChooserViewSet
    index_view_class = AuthorIndexView
    edit_view_class = AuthorEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name", "job_title", "bio"]
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50
    list_display = [
        "name",
        "job_title",
        Column("role_list", label=_("roles"), accessor="role_list"),
        Column("user", label=_("staff account")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            # Only those who manage authors change the address and the linked account.
            FieldPanel("slug", permission="news.change_author"),
            FieldPanel("job_title"),
            FieldPanel("roles"),
            FieldPanel("photo"),
            FieldPanel("bio"),
            FieldPanel("user", permission="news.change_author"),
            MultiFieldPanel(
                [
                    FieldPanel("website_url"),
                    FieldPanel("x_url"),
                    FieldPanel("facebook_url"),
                    FieldPanel("instagram_url"),
                    FieldPanel("linkedin_url"),
                    FieldPanel("email"),
                    FieldPanel("email_public"),
                ],
                heading=_("Links on the profile page"),
            ),
        ],
        base_form_class=AuthorForm,
    )
