"""Bulk actions on stories in the admin's page listings: add or remove tags.

Wagtail's own bulk actions already move (to another section), publish and unpublish, each
checking the user's permission on every page: a Penulis cannot publish in bulk either. These
views only parse the form and call kabar.news.edits; registered in wagtail_hooks.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.forms import TagField
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets.tags import AdminTagWidget

from .edits import articles_tags_add, articles_tags_remove
from .models import ArticlePage


class TagsForm(forms.Form):
    tags = TagField(label=_("Tags"), widget=AdminTagWidget)


class ArticleTagsBulkAction(PageBulkAction):
    """Shared by both tag actions: only stories the user may edit; others are listed apart."""

    form_class = TagsForm
    action_priority = 50
    template_name = "news/admin/bulk_actions/confirm_tags.html"
    question = ""
    confirm_label = ""

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_title": self.display_name,
            "action_question": self.question,
            "action_confirm": self.confirm_label,
        }

    def check_perm(self, page):
        return issubclass(page.specific_class, ArticlePage) and (
            page.permissions_for_user(self.request.user).can_edit()
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "names": self.cleaned_form.cleaned_data["tags"]}

    @classmethod
    def articles(cls, objects) -> list[ArticlePage]:
        return list(ArticlePage.objects.filter(pk__in=[page.pk for page in objects]))


class ArticleTagsAddBulkAction(ArticleTagsBulkAction):
    display_name = _("Add tags")
    action_type = "tags-add"
    aria_label = _("Add tags to the selected stories")
    question = _("Add these tags to the following stories?")
    confirm_label = _("Yes, add the tags")

    @classmethod
    def execute_action(cls, objects, names=(), user=None, **kwargs):
        return articles_tags_add(articles=cls.articles(objects), names=names, user=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Tags added to %(count)d story.", "Tags added to %(count)d stories.", num_parent_objects
        ) % {"count": num_parent_objects}


class ArticleTagsRemoveBulkAction(ArticleTagsBulkAction):
    display_name = _("Remove tags")
    action_type = "tags-remove"
    aria_label = _("Remove tags from the selected stories")
    question = _("Remove these tags from the following stories?")
    confirm_label = _("Yes, remove the tags")
    action_priority = 51

    @classmethod
    def execute_action(cls, objects, names=(), user=None, **kwargs):
        return articles_tags_remove(articles=cls.articles(objects), names=names, user=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Tags removed from %(count)d story.",
            "Tags removed from %(count)d stories.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
