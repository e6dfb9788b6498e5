from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    """A planned story (penugasan): what an editor asks a reporter to write, and by when."""

    class Status(models.TextChoices):
        ASSIGNED = "ditugaskan", _("Assigned")
        DRAFTED = "draf", _("Drafted")
        CANCELLED = "batal", _("Cancelled")

    title = models.CharField(_("working title"), max_length=255)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("section"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateTimeField(_("deadline"), db_index=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Angle, sources to call, photos needed.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("edited"), auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return self.title
