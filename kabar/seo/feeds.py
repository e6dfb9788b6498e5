"""RSS 2.0 and Atom feeds of the newest articles of the site, a section, a tag or an author."""

import mimetypes
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError

from kabar.core.addresses import absolute_url, page_url
from kabar.pagecache.fragments import fragment_get_or_build

from .selectors import FeedScope, feed_articles

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
SUMMARY_WORDS = 60
URL_ATTRIBUTE = re.compile(r'\b(href|src|srcset|poster)="([^"]*)"')


def html_absolutize(html: str, base: str) -> str:
    """`html` with site-relative links and image sources made absolute for feed readers."""

    def absolute(url: str) -> str:
        return urljoin(base, url) if url.startswith("/") and not url.startswith("//") else url

    def replace(match: re.Match) -> str:
        name, value = match.groups()
        if name == "srcset":
            candidates = (part.strip().split(" ", 1) for part in value.split(","))
            value = ", ".join(" ".join([absolute(c[0]), *c[1:]]) for c in candidates if c[0])
        else:
            value = absolute(value)
        return f'{name}="{value}"'

    return URL_ATTRIBUTE.sub(replace, html)


@dataclass
class FeedImage:
    url: str
    length: int
    mime_type: str
    width: int
    height: int
    caption: str = ""
    credit: str = ""


@dataclass
class FeedEntry:
    """One article as a feed item."""

    title: str
    link: str
    guid: str
    summary: str
    published: object
    updated: object
    authors: list[tuple[str, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    content: str | None = None
    image: FeedImage | None = None


@dataclass(frozen=True)
class FeedDocument:
    """A written feed, as every reader of its address gets it."""

    body: bytes
    content_type: str
    last_modified: str  # an HTTP date: the newest entry's publishing


def feed_image(article, scope: FeedScope) -> FeedImage | None:
    """The featured image as an enclosure: the original file, with its size and type."""
    image = article.featured_image
    if image is None:
        return None
    try:
        length = image.get_file_size()
    except SourceImageIOError:
        return None
    return FeedImage(
        url=absolute_url(scope.request, image.file.url),
        length=length,
        mime_type=mimetypes.guess_type(image.file.name)[0] or "application/octet-stream",
        width=image.width,
        height=image.height,
        caption=article.featured_image_caption,
        credit=article.featured_image_credit,
    )


def feed_entries(scope: FeedScope) -> list[FeedEntry]:
    """The scope's newest articles as feed entries, full text when the site wants it."""
    entries = []
    for article in feed_articles(scope):
        link = page_url(scope.request, article)
        summary = article.summary or Truncator(article.body_text()).words(SUMMARY_WORDS)
        content = None
        if scope.settings.full_text:
            body = article.body.render_as_block(context={"request": scope.request})
            content = html_absolutize(str(body), link)
        section = getattr(article, "section", None)
        sponsored = _("Advertorial") if article.sponsored else ""
        unverified = _("Awaiting verification") if article.unverified else ""
        entries.append(
            FeedEntry(
                title=f"{sponsored}: {article.title}" if sponsored else article.title,
                link=link,
                # Stable across slug changes and moves: the page id never changes.
                guid=f"tag:{scope.site.hostname},{article.first_published_at:%Y-%m-%d}:{article.pk}",
                summary=summary,
                published=timezone.localtime(article.first_published_at),
                updated=timezone.localtime(article.last_published_at or article.first_published_at),
                # The writers, as in the byline: editors and photographers are no authors.
                authors=[
                    (a.name, absolute_url(scope.request, a.get_absolute_url()))
                    for a in article.credits().writers
                ],
                categories=[sponsored] * bool(sponsored)
                + [unverified] * bool(unverified)
                + [section.title] * bool(section)
                + [t.tag.name for t in article.tagged_items.all()],
                content=content,
                image=feed_image(article, scope),
            )
        )
    return entries


def media_content_add(handler, image: FeedImage | None) -> None:
    """Media RSS <media:content> for the featured image, with its caption and credit."""
    if image is None:
        return
    handler.startElement(
        "media:content",
        {
            "url": image.url,
            "type": image.mime_type,
            "medium": "image",
            "fileSize": str(image.length),
            "width": str(image.width),
            "height": str(image.height),
        },
    )
    if image.caption:
        handler.addQuickElement("media:description", image.caption, {"type": "plain"})
    if image.credit:
        handler.addQuickElement("media:credit", image.credit)
    handler.endElement("media:content")


class KabarRssFeed(Rss201rev2Feed):
    """RSS 2.0 with every author (dc:creator), full text (content:encoded) and Media RSS."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])
        media_content_add(handler, item["image"])


class KabarAtomFeed(Atom1Feed):
    """Atom with every author (name and page), full text (<content>) and Media RSS."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})
        media_content_add(handler, item["image"])


class ArticlesFeed(Feed):
    """The newest live articles of a scope (site, section, tag or author) as RSS 2.0."""

    feed_type = KabarRssFeed
    language = "id"
    item_guid_is_permalink = False

    def get_object(self, request, scope):
        return scope

    def __call__(self, request, *args, **kwargs):
        # Kept until the next purge, per feed address (kabar.pagecache.fragments): nothing in a
        # feed is per reader, and writing it (the articles, their text and bylines, then
        # Django's syndication calls and XML escaping for every entry) is nearly all its cost.
        scope = self.get_object(request, *args, **kwargs)
        document = fragment_get_or_build(
            request,
            "feed",
            scope.parts,
            lambda: self.document_write(scope, request),
            size=lambda document: len(document.body),
        )
        response = HttpResponse(document.body, content_type=document.content_type)
        response.headers["Last-Modified"] = document.last_modified
        return response

    def document_write(self, scope, request) -> FeedDocument:
        """The feed as Django's syndication framework writes it, into one string: written
        element by element into the response, it cost a third of a feed."""
        feedgen = self.get_feed(scope, request)
        return FeedDocument(
            body=feedgen.writeString("utf-8").encode(),
            content_type=feedgen.content_type,
            last_modified=http_date(feedgen.latest_post_date().timestamp()),
        )

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return scope.link

    def description(self, scope):
        return scope.description

    subtitle = description

    def feed_url(self, scope):
        return absolute_url(scope.request, scope.request.path)

    def author_name(self, scope):
        return scope.site_name

    def items(self, scope):
        return feed_entries(scope)

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    def item_description(self, entry):
        return entry.summary

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories

    def item_enclosures(self, entry):
        image = entry.image
        return [Enclosure(image.url, str(image.length), image.mime_type)] if image else []

    def item_extra_kwargs(self, entry):
        return {"authors": entry.authors, "content": entry.content, "image": entry.image}


class ArticlesAtomFeed(ArticlesFeed):
    """The same articles as Atom 1.0."""

    feed_type = KabarAtomFeed
