from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from kabar.core.blocks import ArticleBodyBlock
from kabar.core.models import BasePage


class MastheadEntryBlock(blocks.StructBlock):
    role = blocks.CharBlock(
        label=_("Role"), help_text=_("Defaults to the profile's job title."), required=False
    )
    author = SnippetChooserBlock("news.Author", label=_("Staff profile"))


class MastheadBlock(blocks.StructBlock):
    """The masthead (susunan redaksi) built from staff profiles: names, roles, photos, links."""

    title = blocks.CharBlock(label=_("Title"), default="Susunan Redaksi")
    people = blocks.ListBlock(MastheadEntryBlock(), label=_("People"), min_num=1)

    class Meta:
        icon = "group"
        label = _("Masthead")
        template = "blocks/masthead.html"


class StandardBodyBlock(ArticleBodyBlock):
    masthead = MastheadBlock()


class StandardPage(BasePage):
    """A plain page outside the news flow: about us, editorial staff, contact, guidelines."""

    has_english_version = False  # its text is Indonesian only

    body = StreamField(StandardBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["news.HomePage", "news.StandardPage"]
    subpage_types = ["news.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
