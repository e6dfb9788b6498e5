from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kabar.core.storage import private_storage_get


class WordPressItem(models.Model):
    """What one WordPress object (keyed by its site and ID) became in Kabar, and its checksum."""

    class Kind(models.TextChoices):
        AUTHOR = "author", _("Author")
        CATEGORY = "category", _("Category")
        TAG = "tag", _("Tag")
        ATTACHMENT = "attachment", _("Attachment")
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        COMMENT = "comment", _("Comment")
        NAV_MENU_ITEM = "nav_menu_item", _("Menu item")

    site_url = models.CharField(_("WordPress site"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress ID"), max_length=200)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    checksum = models.CharField(_("checksum"), max_length=64)
    # Where the object lived on the WordPress site (a permalink or an uploads path).
    source_path = models.CharField(_("old path"), max_length=500, blank=True, db_index=True)
    meta = models.JSONField(_("details"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["site_url", "kind", "wp_id"], name="ingest_wordpressitem_unique_source"
            )
        ]

    def __str__(self):
        return f"{self.site_url} {self.kind} {self.wp_id}"

    @property
    def target(self):
        """The imported object, or None when it has been deleted since."""
        if not self.content_type_id or not self.object_id:
            return None
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None


# How the importer's phases, kinds and outcomes read on the job page.
IMPORT_PHASES = {
    "media": _("authors, sections, tags and images"),
    "posts": _("articles and pages"),
    "index": _("search index"),
}
IMPORT_KINDS = {
    **dict(WordPressItem.Kind.choices),
    "sticky": _("Sticky post"),
    "wp_block": _("Reusable block"),
    "item": _("Item"),
}
IMPORT_OUTCOMES = {
    "created": _("created"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "skipped": _("skipped"),
    "expanded": _("expanded"),
    "top story": _("top story"),
}


class ImportJob(models.Model):
    """One WordPress export uploaded in the admin and imported in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Private: an export holds commenters' emails and addresses, drafts and post passwords.
    # Both files are deleted when the import ends, whatever its outcome.
    export = models.FileField(
        _("WordPress export"),
        upload_to="imports/%Y/%m/",
        storage=private_storage_get,
        blank=True,
    )
    media_archive = models.FileField(
        _("uploads archive"),
        upload_to="imports/%Y/%m/",
        storage=private_storage_get,
        blank=True,
    )
    export_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    progress_done = models.PositiveIntegerField(_("items done"), default=0)
    progress_total = models.PositiveIntegerField(_("items in total"), default=0)
    # {"counts": {kind: {outcome: n}}, "skipped": [[label, reason]], "warnings": [...]}
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Touched by every progress write: a running job that stops changing has lost its worker.
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        ordering = ["-created_at", "-pk"]
        permissions = [("import_wordpress", _("Can import a WordPress export"))]

    def __str__(self):
        return f"{self.export_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("ingest_import:job", args=[self.pk])

    @property
    def phase_label(self) -> str:
        return IMPORT_PHASES.get(self.phase, self.phase)

    @property
    def summary_rows(self) -> list[tuple[str, str, int]]:
        """(kind, outcome, count) for each line of the summary, in the reader's language."""
        return [
            (IMPORT_KINDS.get(kind, kind), IMPORT_OUTCOMES.get(outcome, outcome), n)
            for kind, outcomes in (self.summary.get("counts") or {}).items()
            for outcome, n in outcomes.items()
        ]

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
