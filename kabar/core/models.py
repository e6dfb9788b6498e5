from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, PageViewRestriction

from kabar.pagecache.headers import private_cache_headers, public_cache_headers

from .page_queries import is_restricted

DEFAULT_SITE_NAME = "Kabar Harapan"
DEFAULT_TAGLINE = "Memberikan Informasi Terupdate Dalam Negri & Luar Negri"


class BasePage(Page):
    """Fields every public page shares: an image for social cards and listings."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; articles fall back to their featured image."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    # Whether /en/ shows the page translated. Listings are: their interface is all they say.
    # A page of the newsroom's own text (a story, "about us") is Indonesian only, so it is
    # never offered as an English page (no hreflang="en", no language switch to it).
    has_english_version = True

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Read once per page served: Wagtail's check before serving and serve() below ask the
        # same question (two queries each); serve() forgets the answer when it is done.
        # Most pages have none on them or above, which the process knows (page_queries).
        held = self.__dict__.get("_view_restrictions_read")
        if held is None:
            if self.path and not is_restricted(self.path):
                held = PageViewRestriction.objects.none()
            else:
                held = super().get_view_restrictions()
                len(held)
            self._view_restrictions_read = held
        return held

    def serve(self, request, *args, **kwargs):
        try:
            response = super().serve(request, *args, **kwargs)
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                # A page behind a password or a login is one reader's, never a shared copy.
                if self.get_view_restrictions().exists():
                    private_cache_headers(response)
                else:
                    public_cache_headers(response)
            return response
        finally:
            # The site's root page object is held by the process (kabar.core.site_data).
            self.__dict__.pop("_view_restrictions_read", None)


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """The newsroom's identity: name, tagline, logo, footer, social links and menu."""

    site_name = models.CharField(_("site name"), max_length=100, default=DEFAULT_SITE_NAME)
    tagline = models.CharField(_("tagline"), max_length=200, default=DEFAULT_TAGLINE, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        default="© Kabar Harapan. Hak cipta dilindungi undang-undang.",
    )

    select_related = ["site", "logo"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        InlinePanel("menu_items", heading=_("Navigation menu"), label=_("menu item")),
        InlinePanel("social_links", heading=_("Social links"), label=_("social link")),
        InlinePanel(
            "footer_links",
            heading=_("Footer links"),
            label=_("footer link"),
            help_text=_(
                "Pages such as the Pedoman Pemberitaan Media Siber, Redaksi, Kontak and "
                "Kebijakan Privasi, linked at the foot of every page."
            ),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def __str__(self):
        return self.site_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Wagtail's own Site record names the site in the admin and in emails.
        if self.site_id and self.site.site_name != self.site_name:
            type(self.site).objects.filter(pk=self.site_id).update(site_name=self.site_name)


@register_setting(icon="warning")
class BreakingNews(BaseSiteSetting):
    """The "Breaking news" banner every page of the site shows until it expires."""

    is_on = models.BooleanField(_("show the banner"), default=False)
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.CharField(
        _("banner text"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the article's title."),
    )
    expires_at = models.DateTimeField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("The banner disappears from every page by itself at this time."),
    )

    # Held by every process in its site data (kabar.core.site_data): no query per page.
    select_related = ["site", "article"]

    panels = [
        FieldPanel("is_on"),
        PageChooserPanel("article", "news.ArticlePage"),
        FieldPanel("text"),
        FieldPanel("expires_at"),
    ]

    class Meta:
        verbose_name = _("breaking news")

    def __str__(self):
        return self.text or (self.article.title if self.article else str(self._meta.verbose_name))

    def clean(self):
        super().clean()
        if not self.is_on:
            return
        errors = {}
        if self.article_id is None:
            errors["article"] = _("Choose the article the banner links to.")
        if self.expires_at is None:
            errors["expires_at"] = _("Choose until when the banner is shown.")
        elif self.expires_at <= timezone.now():
            errors["expires_at"] = _("The time the banner disappears must be in the future.")
        if errors:
            raise ValidationError(errors)

    def is_shown(self, *, now=None) -> bool:
        """Whether readers see the banner now: switched on, not expired, its article live."""
        return bool(
            self.is_on
            and self.article_id
            and self.expires_at
            and (now or timezone.now()) < self.expires_at
            and self.article.live
        )

    @property
    def headline(self) -> str:
        return self.text or self.article.title


class LinkItem(Orderable):
    """A link to one of the site's pages, or elsewhere, with an optional label."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("external link"), blank=True)
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Defaults to the page's title.")
    )

    panels = [FieldPanel("page"), FieldPanel("url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return self.label or (self.page.title if self.page else self.url)

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.page and not self.url:
            raise ValidationError(_("Choose a page or enter an external link."))


class MenuItem(LinkItem):
    settings = ParentalKey(SiteSettings, related_name="menu_items", on_delete=models.CASCADE)

    class Meta(LinkItem.Meta):
        verbose_name = _("menu item")


class FooterLink(LinkItem):
    """The footer's links to the pages every portal has: guidelines, masthead, contact."""

    settings = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)

    class Meta(LinkItem.Meta):
        verbose_name = _("footer link")


class SocialLink(Orderable):
    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        X = "x", "X (Twitter)"
        INSTAGRAM = "instagram", "Instagram"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        WHATSAPP = "whatsapp", "WhatsApp"
        TELEGRAM = "telegram", "Telegram"
        OTHER = "other", _("Other")

    settings = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    url = models.URLField(_("link"))

    panels = [FieldPanel("platform"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")

    def __str__(self):
        return self.get_platform_display()


class RateCounter(models.Model):
    """Attempts counted for one key of one scope until `expires_at` (kabar.core.antispam).

    In the database, so that every process counts on the same row: a per-process cache let
    each gunicorn worker allow the whole limit again.
    """

    scope = models.CharField(max_length=40)
    # A digest of the key (an email or IP address), so the table keeps no reader's address.
    digest = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "digest"], name="core_ratecounter_unique")
        ]

    def __str__(self):
        return f"{self.scope}: {self.count}"


class SpentFormToken(models.Model):
    """A public form's start token already used once; a replay of it is refused until it expires."""

    digest = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.digest


# The editorial checklist lives in its own module; its models belong to this app.
from .checklist import ChecklistItem, EditorialChecklistTask  # noqa: E402

__all__ = [
    "BasePage",
    "ChecklistItem",
    "EditorialChecklistTask",
    "FooterLink",
    "MenuItem",
    "RateCounter",
    "SiteSettings",
    "SocialLink",
    "SpentFormToken",
]


class ImageDetails(models.Model):
    """A photo's own caption and credit (Wagtail's image model has neither): read from its
    IPTC/XMP on upload, editable with the image, and the default wherever it is placed."""

    image = models.OneToOneField(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="details",
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    credit = models.CharField(_("photo credit"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("photo caption and credit")
        verbose_name_plural = _("photo captions and credits")

    def __str__(self):
        return self.caption or self.credit or str(self.image)
