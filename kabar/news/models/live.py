from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LiveUpdate(models.Model):
    """One timestamped entry of a live-coverage story ("Laporan langsung"), posted from the
    admin's quick form and shown at once: not part of the story's revisions."""

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="live_updates",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    key_point = models.BooleanField(
        _("key point"),
        default=False,
        help_text=_("Also listed among the key points at the top of the story."),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")

    def __str__(self):
        return self.headline or self.text[:60]

    @property
    def anchor(self) -> str:
        """The update's own address on the story's page: #pembaruan-12."""
        return f"pembaruan-{self.pk}"
