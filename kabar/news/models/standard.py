from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from kabar.core.blocks import ArticleBodyBlock
from kabar.core.models import BasePage


class StandardPage(BasePage):
    """A plain page outside the news flow: about us, editorial staff, contact, guidelines."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["news.HomePage", "news.StandardPage"]
    subpage_types = ["news.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
