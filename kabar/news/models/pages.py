from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager, PageQuerySet
from wagtail.search import index

from kabar.core.blocks import ArticleBodyBlock
from kabar.core.models import BasePage
from kabar.core.photos import image_details_for
from kabar.core.text import text_stems
from kabar.news.blocks import FrontSectionsBlock
from kabar.news.forms import EMBARGO_FORMAT, ArticlePageForm
from kabar.news.metrics import article_word_count, reading_minutes
from kabar.news.panels import ReadersPanel, WritingMetricsPanel
from kabar.news.routing import route_remembered
from kabar.pagecache.headers import public_cache_headers

from .authors import Credits

# URL prefixes the site's own views answer under; a section may not take them as its slug.
RESERVED_SLUGS = {
    "tag",
    "penulis",
    "cari",
    "koreksi",
    "feed",
    "admin",
    "django-admin",
    "static",
    "media",
    "documents",
    "sitemap.xml",
    "robots.txt",
    "en",
    "id",
}


# What a page shows besides its own fields (the front page's stories, a section's listing, an
# article's byline) is read in kabar.news.selectors, which imports these models. NewsConfig.ready()
# registers each page type's reader here once both are loaded, so the models never import the
# selectors and the two modules do not hold each other up.
PageContextReader = Callable[..., dict]
_context_readers: dict[type, PageContextReader] = {}


def page_context_register(page_class: type, reader: PageContextReader) -> None:
    """Have `reader(page=..., request=...)` add to the template context of `page_class`."""
    _context_readers[page_class] = reader


def context_lazy(build: Callable[[], dict], keys) -> dict:
    """`keys` of `build()`'s dict, read only when a template first uses one of them: a page
    whose parts are kept as fragments (kabar.pagecache.fragments) does not read them at all."""
    built = {}

    def value(key):
        if not built:
            built.update(build())
        return built[key]

    return {key: SimpleLazyObject(partial(value, key)) for key in keys}


def page_context_read(page, request) -> dict:
    """What the reader registered for the page's type (or the nearest base type) adds."""
    for cls in type(page).__mro__:
        if cls in _context_readers:
            return _context_readers[cls](page=page, request=request)
    return {}


class ArticleQuerySet(PageQuerySet):
    def visible(self):
        """The articles readers may see, newest first: live, public (which also leaves out
        every article under a section behind a password, login or group restriction) and not
        withdrawn (a withdrawn story keeps its address, answering 410, but leaves every list).

        The one definition of a visible article: every listing, feed, sitemap, search and
        comment view starts from it, so a new condition (withdrawn, embargoed) goes here.
        An embargoed article is live but stays out until its embargo time (docs/embargo.md).
        """
        return (
            self.live()
            .public()
            .not_withdrawn()
            .not_embargoed()
            .order_by("-first_published_at", "-pk")
        )

    def not_embargoed(self, *, now=None):
        """Articles with no embargo, or whose embargo has passed."""
        now = now or timezone.now()
        return self.filter(models.Q(embargo_until__isnull=True) | models.Q(embargo_until__lte=now))

    def embargoed(self, *, now=None):
        """Articles whose embargo is still to come, the soonest first."""
        now = now or timezone.now()
        return self.filter(embargo_until__gt=now).order_by("embargo_until", "pk")

    def not_withdrawn(self):
        """Articles still standing: a withdrawn one keeps its URL (410) but leaves every list."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        """Withdrawn articles, the most recently withdrawn first."""
        return self.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at", "-pk")

    def in_section(self, section: "SectionPage"):
        """Articles filed under the section (or its subsections) or listed in it as secondary."""
        return self.filter(
            models.Q(path__startswith=section.path, depth__gt=section.depth)
            | models.Q(
                pk__in=ArticlePage.secondary_sections.through.objects.filter(
                    sectionpage=section
                ).values("articlepage")
            )
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class HomePage(BasePage):
    """The front page: a lead story, top stories, the latest news and a block per section."""

    lead_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest article."),
    )
    front_sections = StreamField(
        FrontSectionsBlock(),
        verbose_name=_("section blocks"),
        blank=True,
        default=list,
        help_text=_(
            "The sections shown below the top stories, in this order. Leave empty to show "
            "every section in the site's order with its four newest stories."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead_story"),
        InlinePanel("top_stories", heading=_("Top stories"), label=_("top story"), max_num=6),
        FieldPanel("front_sections"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.StandardPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_read(self, request))
        return context

    def route(self, request, path_components):
        # The site's root: the pages below it are found in one query (kabar.news.routing).
        return route_remembered(self, request, path_components, super().route)


class HomeTopStory(Orderable):
    page = ParentalKey(HomePage, related_name="top_stories", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("top story")


class SectionPage(BasePage):
    """A rubric (Dalam Negeri, Luar Negeri, Ekonomi, ...) listing its articles newest first."""

    description = models.TextField(_("description"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("description")]
    search_fields = BasePage.search_fields + [index.SearchField("description")]

    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage"]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another slug.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_read(self, request))
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(BasePage):
    """A news story, filed under its primary section (its parent page)."""

    has_english_version = False  # its text is Indonesian only

    kicker = models.CharField(
        _("kicker"), max_length=80, blank=True, help_text=_("A short label above the headline.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("The standfirst."))
    dateline_place = models.CharField(
        _("dateline place"), max_length=80, blank=True, help_text=_("For example: Beijing.")
    )
    dateline_agency = models.CharField(
        _("dateline agency"), max_length=40, blank=True, help_text=_("For example: ANTARA.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    featured_image_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    secondary_sections = ParentalManyToManyField(
        "news.SectionPage",
        verbose_name=_("secondary sections"),
        blank=True,
        related_name="secondary_articles",
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    source_name = models.CharField(
        _("source"), max_length=80, blank=True, help_text=_("For example: ANTARA.")
    )
    source_url = models.URLField(_("original URL"), blank=True)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time"), default=1, editable=False)
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Let readers comment on this article.")
    )
    unverified = models.BooleanField(
        _("awaiting verification"),
        default=False,
        help_text=_(
            "Published before every fact could be checked (PPMS 2.b): readers see a notice. "
            "Unticking it later records an update note on the story."
        ),
    )
    sponsored = models.BooleanField(
        _("advertorial"),
        default=False,
        help_text=_(
            "Paid or sponsored content: labelled Advertorial everywhere, its links marked "
            "sponsored, and kept out of the Google News sitemap."
        ),
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_(
            "Readers see nothing of the story (page, lists, feeds, sitemaps, search) before "
            "this time, even once published. Only the Editor-in-chief or an Administrator can "
            "clear it or move it earlier."
        ),
    )
    live_coverage = models.BooleanField(
        _("live coverage"),
        default=False,
        help_text=_(
            "A running story told in timestamped updates, newest first, posted from the "
            "story's “Live updates” page; readers see new updates without reloading."
        ),
    )
    # Set from the live updates page, not the edit form: when the newsroom stopped reporting.
    live_ended_at = models.DateTimeField(
        _("live coverage ended"), null=True, blank=True, editable=False
    )
    # Set only by the withdrawal service, never from the edit form or a revision (see
    # `with_content_json`): publishing an old draft must not bring a withdrawn story back.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("embargo_until"),
        FieldPanel("kicker"),
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("dateline_place"), FieldPanel("dateline_agency")], heading=_("Dateline")
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_image"),
                FieldPanel("featured_image_caption"),
                FieldPanel("featured_image_credit"),
            ],
            heading=_("Featured image"),
        ),
        FieldPanel("body"),
        WritingMetricsPanel(heading=_("Length")),
        InlinePanel("authorships", heading=_("Authors"), label=_("author"), min_num=1),
        FieldPanel("tags"),
        FieldPanel("secondary_sections"),
        FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Source")),
        FieldRowPanel(
            [FieldPanel("unverified"), FieldPanel("sponsored")], heading=_("Labels for readers")
        ),
        FieldPanel("live_coverage"),
    ]
    settings_panels = BasePage.settings_panels + [
        FieldPanel("comments_open"),
        ReadersPanel(heading=_("Readers")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("kicker"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("dateline_place"),
        index.SearchField("dateline_agency"),
        index.SearchField("search_authors"),
        index.SearchField("search_stems"),
        index.FilterField("first_published_at"),
        index.FilterField("withdrawn_at"),
        index.FilterField("embargo_until"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    objects = ArticleManager()
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("lift_embargo", _("Can lift an embargo early"))]

    def clean(self):
        super().clean()
        # Agency copy keeps its credit: to drop it, the source (its original URL) goes first.
        if self.source_url and not self.source_name.strip():
            raise ValidationError(
                {
                    "source_name": _(
                        "An article from a source keeps its credit. To remove the credit, "
                        "remove the original URL or change the source first."
                    )
                }
            )

    def save(self, *args, **kwargs):
        self.reading_minutes = self.estimate_reading_minutes()
        self.photo_defaults_fill()
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision's version of the page, keeping the withdrawal and the end of live
        coverage as they stand now."""
        page = super().with_content_json(content)
        page.live_ended_at = self.live_ended_at
        page.withdrawn_at = self.withdrawn_at
        page.withdrawn_reason = self.withdrawn_reason
        page.withdrawn_by_id = self.withdrawn_by_id
        return page

    def serve(self, request, *args, **kwargs):
        # Before its embargo the story does not exist for readers; the admin's preview (behind
        # the staff login) still shows it.
        if self.is_embargoed and not getattr(request, "is_preview", False):
            raise Http404
        if self.withdrawn_at:
            # PPMS 5: the address stays, announcing the withdrawal and its reason.
            response = TemplateResponse(
                request, "news/article_withdrawn.html", {"page": self, "self": self}, status=410
            )
            public_cache_headers(response)
            return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_read(self, request))
        return context

    @property
    def dateline(self) -> str:
        """The dateline as printed: "BEIJING (ANTARA)"."""
        place = self.dateline_place.upper()
        if place and self.dateline_agency:
            return f"{place} ({self.dateline_agency})"
        return place or (f"({self.dateline_agency})" if self.dateline_agency else "")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_embargoed(self) -> bool:
        """Whether the embargo is still to come."""
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def embargo_label(self) -> str:
        """ "embargo s.d. 3 Des 2026 14.00 WIB" while the embargo holds, else empty."""
        if not self.is_embargoed:
            return ""
        moment = dateformat.format(timezone.localtime(self.embargo_until), EMBARGO_FORMAT)
        return _("embargo until %(time)s") % {"time": moment}

    @property
    def status_string(self):
        """Wagtail's status for every admin listing, with the embargo and its time (and the
        time of a scheduled publication) rather than a bare "scheduled"."""
        status = super().status_string
        if self.approved_schedule and self.scheduled_revision is not None:
            moment = self.scheduled_revision.approved_go_live_at
            if moment:
                moment = dateformat.format(timezone.localtime(moment), EMBARGO_FORMAT)
                status = _("%(status)s %(time)s") % {"status": status, "time": moment}
        if self.is_embargoed:
            return f"{status} · {self.embargo_label}" if not self.live else self.embargo_label
        return status

    @cached_property
    def updated_at(self):
        """When the story last changed for readers after its first publication: a republish,
        or a note other apps attach to it (a correction), whichever came last."""
        first, last = self.first_published_at, self.last_published_at
        moments = [last] if first and last and (last - first).total_seconds() > 300 else []
        for hook in hooks.get_hooks("article_last_changed"):
            if (moment := hook(self)) is not None:
                moments.append(moment)
        return max(moments) if moments else None

    def photo_defaults_fill(self) -> None:
        """Give the featured image and the body's images the photo's own caption and credit
        (read from its IPTC/XMP on upload) where the story leaves them empty."""
        body_images = [
            block.value
            for block in self.body
            if block.block_type == "image" and block.value and block.value.get("image")
        ]
        wanted = [
            *(
                [self.featured_image_id]
                if not self.featured_image_caption or not self.featured_image_credit
                else []
            ),
            *(
                # Blocks written by code may leave out the optional fields altogether.
                value["image"].pk
                for value in body_images
                if not (value.get("caption") and value.get("credit"))
            ),
        ]
        details = image_details_for(wanted)
        if not details:
            return
        if found := details.get(self.featured_image_id):
            self.featured_image_caption = self.featured_image_caption or found.caption
            self.featured_image_credit = self.featured_image_credit or found.credit
        for value in body_images:
            if found := details.get(value["image"].pk):
                value["caption"] = value.get("caption") or found.caption
                value["credit"] = value.get("credit") or found.credit

    def body_text(self) -> str:
        """The body as plain text, for reading time, search snippets and descriptions."""
        parts = []
        for block in self.body:
            value = block.value
            if block.block_type == "paragraph":
                parts.append(strip_tags(value.source))
            elif block.block_type == "subheading":
                parts.append(str(value))
            elif block.block_type == "quote":
                parts.append(value["quote"])
        return "\n\n".join(parts)

    def credits(self) -> Credits:
        """Who wrote, edited and photographed the story (from prefetched authorships too)."""
        return Credits.of(self.authorships.all())

    def search_authors(self) -> str:
        """The credited authors' names, for the search index."""
        return " ".join(credit.author.name for credit in self.authorships.all())

    def search_stems(self) -> str:
        """All the article's searchable text as Indonesian stems without stopwords, indexed
        beside the raw fields so that affixed and root forms find each other."""
        body = self._meta.get_field("body").get_searchable_content(self.body)
        tags = [tag.name for tag in self.tags.all()]
        parts = [
            self.title,
            self.kicker,
            self.summary,
            *body,
            *tags,
            self.search_authors(),
            self.dateline_place,
            self.dateline_agency,
        ]
        return text_stems("\n".join(parts))

    def estimate_reading_minutes(self) -> int:
        return reading_minutes(article_word_count(self))

    def get_section(self):
        """The primary section: the page the article is filed under."""
        return self.get_parent().specific
