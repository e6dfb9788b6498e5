"""The admin: author profiles, and the tags' rename, merge and delete."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from . import services
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


# Tags -----------------------------------------------------------------------------------------


class TagPermissionPolicy(ModelPermissionPolicy):
    """Whoever may change tags (editors) may also merge and delete them: both end in a
    deletion, and the roles give editors no separate delete permission."""

    def user_has_permission(self, user, action):
        if action in ("delete", "merge"):
            return user.has_perm("taggit.change_tag") or user.has_perm("taggit.delete_tag")
        return super().user_has_permission(user, action)


class TagForm(WagtailAdminModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        try:
            name, _slug = services.tag_name_check(
                name=self.cleaned_data["name"], exclude=self.instance if self.instance.pk else None
            )
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return name


class TagIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(article_count=Count("news_articletag_items"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "merge"):
            buttons.append(
                MenuItem(
                    gettext("Merge"),
                    url=reverse("news_tags:merge", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        return buttons


class TagEditView(generic.EditView):
    """Renaming: the old address redirects to the new one (kabar.news.services)."""

    def save_instance(self):
        return services.tag_rename(tag=self.object, name=self.form.cleaned_data["name"])


class TagDeleteView(generic.DeleteView):
    @property
    def confirmation_message(self):
        count = len(services.tag_article_ids(self.object))
        return ngettext(
            "The tag “%(name)s” is used by %(count)d article. Delete it from that article?",
            "The tag “%(name)s” is used by %(count)d articles. Delete it from those articles?",
            count,
        ) % {"name": self.object.name, "count": count}

    def delete_action(self):
        services.tag_delete(tag=self.object)


class TagMergeForm(forms.Form):
    target = forms.CharField(
        label=_("Merge into the tag"),
        max_length=100,
        help_text=_("The name of the tag that keeps the articles."),
    )

    def __init__(self, *args, source: Tag, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_target(self):
        name = " ".join(self.cleaned_data["target"].split())
        target = Tag.objects.filter(name__iexact=name).first()
        if target is None:
            raise forms.ValidationError(_("There is no tag named “%(name)s”.") % {"name": name})
        if target.pk == self.source.pk:
            raise forms.ValidationError(_("Choose another tag to merge into."))
        return target


def tag_merge_view(request, pk: int):
    """Merge a tag into another: its articles move over, its address redirects."""
    if not TagPermissionPolicy(Tag).user_has_permission(request.user, "merge"):
        raise PermissionDenied
    source = get_object_or_404(Tag, pk=pk)
    form = TagMergeForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        name = source.name
        moved = services.tag_merge(source=source, target=target)
        messages.success(
            request,
            ngettext(
                "“%(source)s” merged into “%(target)s”: %(count)d article moved.",
                "“%(source)s” merged into “%(target)s”: %(count)d articles moved.",
                moved,
            )
            % {"source": name, "target": target.name, "count": moved},
        )
        return redirect("news_tags:index")
    count = len(services.tag_article_ids(source))
    return TemplateResponse(
        request, "news/admin/tag_merge.html", {"tag": source, "form": form, "count": count}
    )


class TagViewSet(ModelViewSet):
    # Ids bounded as every id in our addresses is (kabar.core.converters): a 404, not a 500.
    pk_path_converter = "id"
    model = Tag
    name = "news_tags"
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 231
    add_to_admin_menu = True
    url_prefix = "tag"
    form_fields = ["name"]
    index_view_class = TagIndexView
    edit_view_class = TagEditView
    delete_view_class = TagDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50
    list_display = [
        "name",
        "slug",
        Column("article_count", label=_("articles"), sort_key="article_count"),
    ]

    def get_form_class(self, for_update=False):
        return TagForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("merge/<id:pk>/", tag_merge_view, name="merge"),
        ]
