"""The wire desk: agency sources, the items they deliver, and the fingerprints that group copies."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Backoff after failed polls doubles up to this many minutes.
MAX_BACKOFF_MINUTES = 6 * 60


class WireSource(models.Model):
    """An agency feed or drop folder that the scheduler polls."""

    class Kind(models.TextChoices):
        RSS = "rss", _("RSS or Atom")
        NEWSML = "newsml", _("NewsML-G2 over HTTP")
        NINJS = "ninjs", _("NINJS over HTTP")
        FOLDER = "folder", _("Drop folder")

    class Rule(models.TextChoices):
        QUEUE = "queue", _("Into the desk queue")
        DRAFT = "draft", _("Straight into a draft article")
        PUBLISH = "publish", _("Published at once")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RSS)
    url = models.CharField(
        _("address or folder"),
        max_length=500,
        help_text=_("The feed's web address, or the folder on the server for a drop folder."),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    password = models.CharField(_("password"), max_length=255, blank=True)
    poll_minutes = models.PositiveSmallIntegerField(
        _("poll every (minutes)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("default section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credit = models.CharField(
        _("credit"), max_length=80, help_text=_("For example: ANTARA, Reuters.")
    )
    keywords_include = models.TextField(
        _("only items with these keywords"),
        blank=True,
        help_text=_("One per line; empty takes every item."),
    )
    keywords_exclude = models.TextField(
        _("never items with these keywords"), blank=True, help_text=_("One per line.")
    )
    rule = models.CharField(
        _("new items go"), max_length=10, choices=Rule.choices, default=Rule.QUEUE
    )
    # Only a rule chosen by someone who may publish in the section publishes anything.
    rule_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rule set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    # Health and conditional GET state, written by each poll.
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    error_streak = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, editable=False)
    items_seen = models.PositiveIntegerField(_("items seen"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_healthy(self) -> bool:
        return self.error_streak == 0

    @property
    def agencies(self) -> tuple[str, ...]:
        """Names the dateline parser should accept after a comma for this source."""
        return (self.credit,) if self.credit else ()

    def keyword_list(self, field: str) -> list[str]:
        raw = getattr(self, field)
        return [k.strip().lower() for k in raw.replace(",", "\n").splitlines() if k.strip()]

    def backoff(self) -> timedelta:
        """How long to wait after the current run of failures: doubling, capped."""
        if not self.error_streak:
            return timedelta(minutes=self.poll_minutes)
        minutes = self.poll_minutes * 2 ** min(self.error_streak, 12)
        return timedelta(minutes=min(minutes, MAX_BACKOFF_MINUTES))

    def is_due(self, now=None) -> bool:
        now = now or timezone.now()
        return self.active and (self.next_poll_at is None or self.next_poll_at <= now)


class WireItemQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-pk")


class WireItem(models.Model):
    """One agency story as last delivered, keyed by its source and GUID."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TAKEN = "taken", _("Taken")
        IGNORED = "ignored", _("Ignored")

    source = models.ForeignKey(
        WireSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items"
    )
    guid = models.CharField(_("GUID"), max_length=500)
    checksum = models.CharField(max_length=64, editable=False)
    version = models.CharField(_("agency version"), max_length=40, blank=True)
    headline = models.CharField(_("headline"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    byline = models.CharField(_("byline"), max_length=255, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    # [{"url", "caption", "credit", "alt"}]
    images = models.JSONField(_("images"), default=list, blank=True)
    url = models.CharField(_("original URL"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    source_updated_at = models.DateTimeField(_("updated at the source"), null=True, blank=True)
    dateline_place = models.CharField(_("dateline place"), max_length=80, blank=True)
    dateline_agency = models.CharField(_("dateline agency"), max_length=40, blank=True)
    credit = models.CharField(_("credit"), max_length=80, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    killed = models.BooleanField(_("withdrawn by the agency"), default=False)
    killed_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
    )
    # What changed in the agency's copy since the article was made from it, for its editor.
    notice = models.TextField(_("notice for the editor"), blank=True)
    notice_at = models.DateTimeField(_("notice at"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("same story as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    duplicate_of_article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("same story as the article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    similarity = models.FloatField(_("similarity"), null=True, blank=True)
    # The desk's full-text search reads this: the stems of the dateline place, headline,
    # summary and body (kabar.core.text), indexed by FTS5 on SQLite and a GIN index on
    # PostgreSQL (migration 0006). Written with the fingerprint, from the same words.
    search_text = models.TextField(blank=True, default="", editable=False)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = WireItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        permissions = [("use_wire_desk", _("Can work at the wire desk"))]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="ingest_wireitem_unique_guid")
        ]

    def __str__(self):
        return self.headline

    @property
    def dateline(self) -> str:
        place = self.dateline_place.upper()
        if place and self.dateline_agency:
            return f"{place} ({self.dateline_agency})"
        return place or (f"({self.dateline_agency})" if self.dateline_agency else "")

    @property
    def credit_line(self) -> str:
        return self.credit or self.source.credit


class WireKeywordTag(models.Model):
    """An editors' rule: an agency keyword or subject becomes this tag (or none)."""

    keyword = models.CharField(_("agency keyword"), max_length=100, unique=True)
    tag = models.CharField(
        _("tag"), max_length=100, blank=True, help_text=_("Leave empty to drop the keyword.")
    )

    class Meta:
        verbose_name = _("keyword rule")
        verbose_name_plural = _("keyword rules")
        ordering = ["keyword"]

    def __str__(self):
        return f"{self.keyword} → {self.tag or '∅'}"

    def save(self, *args, **kwargs):
        self.keyword = self.keyword.strip().lower()
        super().save(*args, **kwargs)


class WireFingerprint(models.Model):
    """The MinHash signature of a wire item's or a published article's text."""

    item = models.OneToOneField(
        WireItem, null=True, blank=True, on_delete=models.CASCADE, related_name="fingerprint"
    )
    article = models.OneToOneField(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wire_fingerprint",
    )
    signature = models.BinaryField()
    # How many shingles the text had: estimates containment alongside Jaccard similarity.
    shingles = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(item__isnull=False, article__isnull=True)
                | models.Q(item__isnull=True, article__isnull=False),
                name="ingest_wirefingerprint_one_owner",
            )
        ]

    def __str__(self):
        return f"item {self.item_id}" if self.item_id else f"article {self.article_id}"


class WireBand(models.Model):
    """One LSH band of a fingerprint: fingerprints sharing a band key are candidates."""

    fingerprint = models.ForeignKey(WireFingerprint, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True)

    def __str__(self):
        return str(self.key)
