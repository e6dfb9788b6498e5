"""A reader's or a source's complaint about a story: right of reply, correction or complaint."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kabar.core.ppms import HANDLING_TIME, ServiceClock, service_clock

from .storage import private_storage_get


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        """Complaints the newsroom has not settled yet (new or being handled)."""
        return self.filter(status__in=[Complaint.Status.NEW, Complaint.Status.IN_PROGRESS])

    def overdue(self, *, now=None):
        """Open complaints older than the 2×24 hours PPMS allows."""
        return self.open().filter(created_at__lte=(now or timezone.now()) - HANDLING_TIME)


def attachment_path(complaint, filename: str) -> str:
    return f"pengaduan/{timezone.now():%Y/%m}/{filename}"


class Complaint(models.Model):
    class Kind(models.TextChoices):
        RIGHT_OF_REPLY = "hak_jawab", _("Right of reply (hak jawab)")
        CORRECTION = "koreksi", _("Correction of a mistake (koreksi)")
        COMPLAINT = "pengaduan", _("Complaint (pengaduan)")

    class Status(models.TextChoices):
        NEW = "baru", _("New")
        IN_PROGRESS = "diproses", _("In progress")
        PUBLISHED = "dimuat", _("Published")
        REJECTED = "ditolak", _("Rejected")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    disputed = models.TextField(_("what is disputed"), max_length=5000)
    response = models.TextField(_("response"), max_length=10000)
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage_get, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Seen by the newsroom only.")
    )
    rejection_reason = models.TextField(
        _("reason for rejecting"),
        blank=True,
        help_text=_("Sent to the complainant by email."),
    )
    # The note published on the article (kabar.corrections' Correction), once accepted.
    correction_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set once the editors have been emailed that it is overdue, so they are told once.
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name} ({self.article.title})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.IN_PROGRESS)

    def clock(self, now=None) -> ServiceClock:
        """The PPMS clock: how long it has waited and what is left of the 2×24 hours."""
        return service_clock(since=self.created_at, now=now)

    @property
    def contact(self) -> str:
        return ", ".join(value for value in (self.email, self.phone) if value)
