"""Reader comments (Wagtail's own `Comment` is for editors) and the site's comment rules."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from kabar.news.models import ArticlePage


class ReaderCommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments everyone may read."""
        return self.filter(status=ReaderComment.Status.APPROVED)

    def for_article(self, article):
        return self.filter(article=article)

    def on_visible_articles(self):
        """Comments on articles readers may see (`ArticlePage.objects.visible()`): none on a
        draft, an unpublished article, or one in a section behind a password or login."""
        return self.filter(article__in=ArticlePage.objects.visible().order_by().values("pk"))

    def in_thread_order(self):
        """Oldest first, as conversations are read."""
        return self.order_by("created_at", "pk")


class ReaderComment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=1, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_comments",
    )
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("email"), max_length=254, db_index=True)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    author_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    body = models.TextField(_("comment"))
    awaiting_confirmation = models.BooleanField(
        _("awaiting email confirmation"),
        default=False,
        help_text=_("Held until the reader follows the link emailed to them."),
    )
    notify_replies = models.BooleanField(_("email me replies"), default=False)
    # Set once the parent's author has been told about this reply, so it is never sent twice.
    reply_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_newsroom = models.BooleanField(
        _("from the newsroom"), default=False, help_text=_("Written by a logged-in staff member.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Where a trashed or spammed comment goes back to when it is restored.
    previous_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    hold_reason = models.CharField(_("why it was held"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    objects = ReaderCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "status", "created_at"])]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        if self.parent_id and self._state.adding:
            self.depth = self.parent.depth + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.url}#comment-{self.pk}"

    @property
    def excerpt(self) -> str:
        """The first words of the comment, for the moderation list."""
        return self.body if len(self.body) <= 120 else self.body[:119].rstrip() + "…"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Who may comment and which comments wait for a moderator, as WordPress's Discussion page."""

    class Mode(models.IntegerChoices):
        OPEN = 1, _("Open: name and email")
        CONFIRMED = 2, _("Confirmed: name and email, confirmed by a link sent by email")
        REGISTERED = 3, _("Registered readers only: sign up and log in")

    mode = models.PositiveSmallIntegerField(
        _("who may comment"),
        choices=Mode.choices,
        # A new site starts in the one mode that meets the guideline.
        default=Mode.REGISTERED,
        help_text=_(
            "Dewan Pers' Pedoman Pemberitaan Media Siber requires readers to register and log "
            "in before they publish: only “Registered readers only” meets it. “Confirmed” "
            "verifies the email address but does not; “Open” does not either."
        ),
    )

    hold_first_comment = models.BooleanField(
        _("hold a commenter's first comment"),
        default=True,
        help_text=_("Hold a comment unless its author already has an approved comment."),
    )
    hold_all = models.BooleanField(
        _("hold every comment"), default=False, help_text=_("A moderator approves each comment.")
    )
    max_links = models.PositiveSmallIntegerField(
        _("links before holding"),
        default=2,
        help_text=_("Hold a comment that contains more than this many links."),
    )
    hold_keys = models.TextField(
        _("words, emails and IP addresses that hold a comment"),
        blank=True,
        help_text=_(
            "One per line. A comment whose text, name, email, website or IP address "
            "contains one of them waits for a moderator."
        ),
    )
    spam_keys = models.TextField(
        _("words, emails and IP addresses that mark a comment as spam"),
        blank=True,
        help_text=_("One per line. Matching comments go straight to spam."),
    )
    blocked_keys = models.TextField(
        _("blocked emails and IP addresses"),
        blank=True,
        help_text=_("One per line. These commenters cannot post at all."),
    )
    notify_emails = models.TextField(
        _("moderators' email addresses"),
        blank=True,
        help_text=_(
            "One per line. They are told about held and reported comments. When empty, every "
            "active user who may moderate comments and has an email address is told."
        ),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_("Close comments on articles older than this many days; 0 keeps them open."),
    )
    max_depth = models.PositiveSmallIntegerField(
        _("reply depth"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many levels deep replies may nest; 1 turns replies off."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("threads per page"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("Top-level comments shown per page, each with its replies."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("close_after_days"),
                FieldPanel("max_depth"),
                FieldPanel("per_page"),
            ],
            heading=_("Discussion"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hold_all"),
                FieldPanel("hold_first_comment"),
                FieldPanel("max_links"),
                FieldPanel("hold_keys"),
                FieldPanel("spam_keys"),
                FieldPanel("blocked_keys"),
                FieldPanel("notify_emails"),
            ],
            heading=_("Moderation"),
        ),
    ]

    class Meta:
        verbose_name = _("comment settings")

    @staticmethod
    def key_list(text: str) -> list[str]:
        """The non-empty lines of a keys field, lower-cased."""
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


class CommentReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has dealt with yet."""
        return self.filter(resolved_at__isnull=True)


class CommentReport(models.Model):
    """A reader's "Laporkan": Dewan Pers gives the newsroom 2×24 hours to act on it."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        HATE = "hate", _("Hatred based on ethnicity, religion, race or group (SARA)")
        ABUSE = "abuse", _("Insults, threats or harassment")
        FALSE = "false", _("False or misleading information")
        PRIVACY = "privacy", _("Someone's personal data")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        ReaderComment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    detail = models.TextField(_("details"), max_length=1000, blank=True)
    reporter_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dealt with by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment}"
