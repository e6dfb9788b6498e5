"""Newsletter subscribers (double opt-in) and the record of every send."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def for_digest(self):
        return self.confirmed().filter(wants_digest=True)

    def for_alerts(self):
        return self.confirmed().filter(wants_alerts=True)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        CONFIRMED = "confirmed", _("Terkonfirmasi")
        UNSUBSCRIBED = "unsubscribed", _("Berhenti berlangganan")

    # Stored lower-cased (services.email_normalize): one row per address whatever its case.
    email = models.EmailField(_("email"), max_length=254, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    wants_digest = models.BooleanField(_("ringkasan harian"), default=True)
    wants_alerts = models.BooleanField(_("peringatan berita terkini"), default=False)
    sections = models.ManyToManyField(
        "news.SectionPage", verbose_name=_("rubrik"), blank=True, related_name="+"
    )
    # When the pending confirmation was asked for: a confirmation link names it, so a link
    # from before an unsubscribe cannot subscribe the address again.
    requested_at = models.DateTimeField(_("diminta pada"))
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("berhenti pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("pelanggan buletin")
        verbose_name_plural = _("pelanggan buletin")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email


class NewsletterSend(models.Model):
    """One digest edition or one alert, sent to `recipients` confirmed subscribers.

    `edition` is unique ("digest:2026-12-03", "alert:42"): the row is written before the
    emails go, so of two schedulers racing for the same day only one gets to send.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", _("Ringkasan harian")
        ALERT = "alert", _("Peringatan berita terkini")

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    edition = models.CharField(_("edisi"), max_length=64, unique=True)
    subject = models.CharField(_("subjek"), max_length=255)
    started_at = models.DateTimeField(_("dimulai pada"))
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("penerima"), default=0)
    articles = models.ManyToManyField(
        "news.ArticlePage", verbose_name=_("artikel"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kiriman buletin")
        verbose_name_plural = _("kiriman buletin")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return self.subject
