from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CorrectionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def on_visible_articles(self):
        """Notes on stories readers can still open: live, public and not withdrawn."""
        from kabar.news.models import ArticlePage

        return self.filter(article__in=ArticlePage.objects.visible().values("pk"))


class Correction(models.Model):
    """A note attached to a published story for good (PPMS 4): a fix, a correction, a
    clarification, a party's right of reply or an update."""

    class Kind(models.TextChoices):
        RALAT = "ralat", _("Erratum")
        KOREKSI = "koreksi", _("Correction")
        KLARIFIKASI = "klarifikasi", _("Clarification")
        HAK_JAWAB = "hak_jawab", _("Right of reply")
        PEMBARUAN = "pembaruan", _("Update note")

    # Shown in a box above the story; the others follow it.
    PROMINENT_KINDS = (Kind.KOREKSI, Kind.KLARIFIKASI, Kind.HAK_JAWAB)

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(
        _("text"), help_text=_("What was wrong and what is right, or the party's statement.")
    )
    party = models.CharField(
        _("party"),
        max_length=200,
        blank=True,
        help_text=_("For a right of reply: who answers, e.g. a person and their role."),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("edited"), auto_now=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction note")
        verbose_name_plural = _("correction notes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.HAK_JAWAB and not self.party.strip():
            raise ValidationError({"party": _("Say whose right of reply this is.")})

    @property
    def is_prominent(self) -> bool:
        return self.kind in self.PROMINENT_KINDS
