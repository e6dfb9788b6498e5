"""What a page's <head> tells search engines and social networks, in a fixed number of queries.

`page_meta()` reads the template context of any public page (a Wagtail page, or the tag,
author, archive and search views) and returns canonical and alternate URLs, the description,
OpenGraph/Twitter values, feed links and JSON-LD objects for `seo/head.html`.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.models import Page, Site

from kabar.core.addresses import absolute_url, page_url
from kabar.core.models import SiteSettings
from kabar.news.models import ArticlePage, Author, Credits, SectionPage

DESCRIPTION_CHARS = 200
# Google shows article images best given 16:9, 4:3 and 1:1 crops at least 1200 px wide;
# the first also serves OpenGraph and Twitter.
SOCIAL_IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
LOGO_SPEC = "max-600x600"
FALLBACK_LOGO = ("seo/logo.png", 600, 600)
ROBOTS = "index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1"
ROBOTS_NOINDEX = "noindex, follow, max-image-preview:large"
NOINDEX_VIEWS = {"search:search"}


@dataclass
class SocialImage:
    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    site_name: str
    og_type: str = "website"
    robots: str = ROBOTS
    locale: str = "id_ID"
    images: list[SocialImage] = field(default_factory=list)
    alternates: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[tuple[str, str, str]] = field(default_factory=list)
    article: dict = field(default_factory=dict)
    jsonld: list[dict] = field(default_factory=list)

    @property
    def image(self) -> SocialImage | None:
        return self.images[0] if self.images else None


def indonesian():
    """Build URLs in the default language: the canonical address has no /en/ prefix."""
    return translation.override(settings.LANGUAGE_CODE)


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def text_shorten(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(DESCRIPTION_CHARS)


def social_images(request, image, alt: str = "") -> list[SocialImage]:
    """The image cropped for social cards and Google, largest crop first, in one query."""
    if image is None:
        return []
    renditions = image.get_renditions(*SOCIAL_IMAGE_SPECS)
    return [
        SocialImage(absolute_url(request, r.url), r.width, r.height, alt or image.default_alt_text)
        for r in (renditions[spec] for spec in SOCIAL_IMAGE_SPECS)
    ]


def logo_image(request, site_settings: SiteSettings) -> SocialImage:
    """The publisher's logo: the site settings' logo, else the logo shipped with Kabar."""
    name = site_settings.site_name
    if site_settings.logo:
        rendition = site_settings.logo.get_rendition(LOGO_SPEC)
        return SocialImage(
            absolute_url(request, rendition.url), rendition.width, rendition.height, name
        )
    path, width, height = FALLBACK_LOGO
    return SocialImage(absolute_url(request, static(path)), width, height, name)


def canonical_url(request, page: Page | None) -> str:
    """The Indonesian address of what is shown, with the page number of a listing."""
    if page is not None:
        with indonesian():
            url = page_url(request, page)
    else:
        # Resolved in the request's own language (an English path only resolves in English),
        # then reversed in Indonesian: /en/tag/x/ becomes /tag/x/.
        url = absolute_url(request, translate_url(request.path, settings.LANGUAGE_CODE))
    number = request.GET.get("page", "")
    return f"{url}?page={number}" if number.isdigit() and int(number) > 1 else url


def language_alternates(request, canonical: str, page: Page | None) -> list[tuple[str, str]]:
    """(hreflang, URL) for every language the page exists in, and x-default; nothing for a
    page that exists in Indonesian only (an article), which no English address stands for."""
    if not getattr(page, "has_english_version", True):
        return []
    path = canonical.removeprefix(absolute_url(request, "/").rstrip("/"))
    # translate_url() resolves the path in the active language: the canonical one.
    with indonesian():
        alternates = [
            (code.split("-")[0], absolute_url(request, translate_url(path, code)))
            for code, _name in settings.LANGUAGES
        ]
    return [*alternates, ("x-default", canonical)]


def feed_links(request, site, site_name: str, page, tag, author) -> list[tuple[str, str, str]]:
    """(title, MIME type, URL) of the site's feeds, plus those of this section, tag or author."""
    scoped = []
    if isinstance(page, SectionPage):
        key = page.url_path.removeprefix(site.root_page.url_path).strip("/")
        scoped = [("section", {"key": key}, page.title)]
    elif isinstance(tag, Tag):
        scoped = [("tag", {"key": tag.slug}, tag.name)]
    elif isinstance(author, Author):
        scoped = [("author", {"key": author.slug}, author.name)]
    links = []
    for prefix, kwargs, title in [("", {}, ""), *((f"{k}_", kw, t) for k, kw, t in scoped)]:
        name = f"{site_name}: {title}" if title else site_name
        for kind, mime_type, label in (
            ("rss", "application/rss+xml", "RSS"),
            ("atom", "application/atom+xml", "Atom"),
        ):
            url = absolute_url(request, reverse(f"seo:{prefix}{kind}", kwargs=kwargs))
            links.append((f"{name} ({label})", mime_type, url))
    return links


def search_url_template(request) -> str | None:
    """The site search's URL with the schema.org placeholder, if search is installed."""
    try:
        with indonesian():
            path = reverse("search:search")
    except NoReverseMatch:
        return None
    return absolute_url(request, path) + "?q={search_term_string}"


def organization_ld(request, site_settings, home_url: str) -> dict:
    logo = logo_image(request, site_settings)
    data = {
        "@type": "NewsMediaOrganization",
        "name": site_settings.site_name,
        "url": home_url,
        "logo": {
            "@type": "ImageObject",
            "url": logo.url,
            "width": logo.width,
            "height": logo.height,
        },
    }
    same_as = [link.url for link in site_settings.social_links.all()]
    if same_as:
        data["sameAs"] = same_as
    return data


def breadcrumbs_ld(request, site, site_name: str, page: Page) -> dict:
    """BreadcrumbList from the home page through the sections down to `page`."""
    trail = [*page.get_ancestors().filter(depth__gte=site.root_page.depth), page]
    items = []
    with indonesian():
        for position, crumb in enumerate(trail, start=1):
            name = site_name if crumb.pk == site.root_page_id else crumb.title
            items.append(
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    "item": page_url(request, crumb),
                }
            )
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def article_meta(request, meta: PageMeta, context, article: ArticlePage, organization) -> None:
    """Fill in what is special to an article: OpenGraph article:* and NewsArticle."""
    section = context.get("section") or article.get_parent().specific
    authorships = context.get("authorships")
    if authorships is None:
        authorships = list(article.authorships.select_related("author"))
    tags = context.get("tags")
    if tags is None:
        tags = list(article.tags.all())
    secondary = context.get("secondary_sections")
    if secondary is None:
        secondary = [s for s in article.secondary_sections.all() if s.live]
    credits = context.get("credits") or Credits.of(authorships)
    with indonesian():
        people = {
            role: [
                {
                    "@type": "Person",
                    "name": a.name,
                    "url": absolute_url(request, a.get_absolute_url()),
                    **({"jobTitle": a.job_title} if a.job_title else {}),
                }
                for a in getattr(credits, role)
            ]
            for role in ("writers", "editors", "photographers")
        }
    # Only the writers are the story's authors; editors and photographers have their own terms.
    author_urls = [person["url"] for person in people["writers"]]
    published = article.first_published_at
    modified = article.last_published_at or published
    meta.article = {
        "published_time": iso(published),
        "modified_time": iso(modified),
        "section": section.title,
        "tags": [t.name for t in tags],
        "authors": author_urls,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": meta.description,
        "url": meta.canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": meta.canonical},
        "datePublished": iso(published),
        "dateModified": iso(modified),
        "author": people["writers"] or [organization],
        "publisher": organization,
        "articleSection": [section.title, *(s.title for s in secondary)],
        "keywords": [t.name for t in tags],
        "isAccessibleForFree": True,
        "inLanguage": "id-ID",
    }
    if people["editors"]:
        data["editor"] = people["editors"]
    if meta.images:
        # The photographers took the featured photo; a separate social image is not theirs.
        theirs = people["photographers"] and article.social_image_id in (
            None,
            article.featured_image_id,
        )
        photographers = {"creator": people["photographers"]} if theirs else {}
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": i.url,
                "width": i.width,
                "height": i.height,
                **photographers,
            }
            for i in meta.images
        ]
    if article.dateline:
        data["dateline"] = article.dateline
    if article.sponsored:
        # schema.org's type for paid content, beside NewsArticle so news parsers still read it.
        data["@type"] = ["NewsArticle", "AdvertiserContentArticle"]
    if article.unverified:
        # Published before every fact was checked (PPMS 2.b); schema.org's lifecycle status.
        data["creativeWorkStatus"] = "Unverified"
    if article.live_coverage:
        live_blog_describe(article, data)
    # Other apps add what they attach to a story (corrections) without seo importing them.
    for hook in hooks.get_hooks("article_jsonld"):
        hook(article, data)
    if article.updated_at and iso(article.updated_at) > data["dateModified"]:
        data["dateModified"] = meta.article["modified_time"] = iso(article.updated_at)
    meta.jsonld.append(data)


# Google reads a live blog's newest updates; older ones stay on the page.
LIVE_BLOG_UPDATES = 50


def live_blog_describe(article: ArticlePage, data: dict) -> None:
    """Make a live-coverage story's NewsArticle a LiveBlogPosting with its latest updates."""
    data["@type"] = ["NewsArticle", "LiveBlogPosting"]
    data["coverageStartTime"] = iso(article.first_published_at)
    if article.live_ended_at:
        data["coverageEndTime"] = iso(article.live_ended_at)
    updates = list(article.live_updates.all()[:LIVE_BLOG_UPDATES])
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": update.headline or Truncator(update.text).words(12),
            "datePublished": iso(update.posted_at),
            "articleBody": update.text,
            "url": f"{data['url']}#{update.anchor}",
        }
        for update in updates
    ]
    if updates and iso(updates[0].posted_at) > data["dateModified"]:
        data["dateModified"] = iso(updates[0].posted_at)


def subject_describe(context, site_settings, page, tag, author) -> tuple[str, str, object]:
    """Title, description and image of what is shown: a page, a tag, an author or the site."""
    site_name = site_settings.site_name
    if page is not None:
        description = page.search_description or getattr(page, "summary", "")
        if not description and isinstance(page, ArticlePage):
            section = context.get("section") or page.get_parent().specific
            description = getattr(section, "description", "")
        description = description or getattr(page, "description", "")
        image = page.social_image or getattr(page, "featured_image", None)
        return page.seo_title or page.title, description, image
    if tag is not None:
        description = _("The latest news about %(tag)s from %(site)s.")
        return tag.name, description % {"tag": tag.name, "site": site_name}, None
    if author is not None:
        description = author.bio or _("News by %(author)s for %(site)s.") % {
            "author": author.name,
            "site": site_name,
        }
        return author.name, description, author.photo
    return site_name, "", None


def website_ld(request, site_settings, home_url: str, organization: dict) -> dict:
    """WebSite, with a SearchAction when the site search is installed."""
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_settings.site_name,
        "url": home_url,
        "inLanguage": "id-ID",
        "publisher": organization,
    }
    if target := search_url_template(request):
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": target},
            "query-input": "required name=search_term_string",
        }
    return website


def page_meta(context) -> PageMeta | None:
    """The head metadata for the page being rendered, or None outside a site request."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    # Nothing to announce for an error page (Django's 404 handler passes "exception").
    if site is None or "exception" in context:
        return None
    site_settings = SiteSettings.for_request(request)
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    tag, author = context.get("tag"), context.get("author")
    tag = tag if isinstance(tag, Tag) else None
    author = author if isinstance(author, Author) else None

    title, description, image = subject_describe(context, site_settings, page, tag, author)
    canonical = canonical_url(request, page)
    meta = PageMeta(
        title=title,
        description=text_shorten(description or site_settings.tagline),
        canonical=canonical,
        site_name=site_settings.site_name,
        alternates=language_alternates(request, canonical, page),
        feeds=feed_links(request, site, site_settings.site_name, page, tag, author),
        images=social_images(request, image),
    )
    match = getattr(request, "resolver_match", None)
    # Reader account pages (django-allauth's "account_*" views) have nothing to index either.
    if match is not None and (
        match.view_name in NOINDEX_VIEWS or match.view_name.startswith("account_")
    ):
        meta.robots = ROBOTS_NOINDEX

    with indonesian():
        home_url = page_url(request, site.root_page)
    organization = organization_ld(request, site_settings, home_url)
    if page is not None and page.pk == site.root_page_id:
        meta.jsonld.append(website_ld(request, site_settings, home_url, organization))
    elif page is not None:
        if isinstance(page, ArticlePage) and page.withdrawn_at:
            # The 410 page announcing a withdrawal is not the story: nothing to index.
            meta.robots = ROBOTS_NOINDEX
        elif isinstance(page, ArticlePage):
            meta.og_type = "article"
            article_meta(request, meta, context, page, organization)
        meta.jsonld.append(breadcrumbs_ld(request, site, site_settings.site_name, page))
    if not meta.images:
        # Social cards without a picture of their own show the newsroom's logo.
        meta.images = [logo_image(request, site_settings)]
    return meta
