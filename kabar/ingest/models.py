from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
