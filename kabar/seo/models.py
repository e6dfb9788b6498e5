from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="globe")
class FeedSettings(BaseSiteSetting):
    """What the site's RSS and Atom feeds carry."""

    class Content(models.TextChoices):
        SUMMARY = "summary", _("Summary only")
        FULL = "full", _("Full text")

    content = models.CharField(
        _("feed content"),
        max_length=10,
        choices=Content.choices,
        default=Content.SUMMARY,
        help_text=_("Full text puts the whole article body in feed readers."),
    )
    item_count = models.PositiveSmallIntegerField(
        _("articles per feed"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    panels = [FieldPanel("content"), FieldPanel("item_count")]

    class Meta:
        verbose_name = _("feed settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @property
    def full_text(self) -> bool:
        return self.content == self.Content.FULL
