"""The site (or a date range or section of it) as a WXR 1.2 file WordPress can import."""

import datetime
import html
import re
from collections import Counter
from itertools import chain
from typing import TextIO

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import expand_db_html

from kabar.comments.models import ReaderComment
from kabar.core.addresses import public_url
from kabar.ingest.wxr.export import (
    element,
    postmeta,
    rss_date,
    wxr_block,
    wxr_footer_write,
    wxr_gmt_date,
    wxr_header_write,
    wxr_local_date,
)
from kabar.news.models import ArticlePage, Author, SectionPage, StandardPage

COMMENT_APPROVED = {
    ReaderComment.Status.APPROVED: "1",
    ReaderComment.Status.PENDING: "0",
    ReaderComment.Status.SPAM: "spam",
    ReaderComment.Status.TRASH: "trash",
}
RELATIVE_LINK = re.compile(r'(href|src)="(/[^"/][^"]*|/)"')
CHUNK = 200


def absolute_url(url: str) -> str:
    return public_url(url or "/")


def articles_select(
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    section: SectionPage | None = None,
):
    """The articles to export: all, or those dated in the range and/or filed in the section."""
    articles = ArticlePage.objects.annotate(
        export_date=Coalesce("first_published_at", "go_live_at", "latest_revision_created_at")
    )
    zone = timezone.get_current_timezone()
    if since:
        start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
        articles = articles.filter(export_date__gte=start)
    if until:
        end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min)
        articles = articles.filter(export_date__lt=end.replace(tzinfo=zone))
    if section is not None:
        articles = articles.in_section(section)
    return articles.order_by("export_date", "pk")


def article_status(article: Page, restriction: PageViewRestriction | None) -> str:
    """WordPress's post status for the article (or standard page)."""
    if article.live:
        if restriction and restriction.restriction_type != PageViewRestriction.PASSWORD:
            return "private"
        return "publish"
    if article.go_live_at and article.go_live_at > timezone.now():
        return "future"
    return "draft"


def body_html(article: Page, attachment_ids: dict[int, int]) -> str:
    """The body as the HTML WordPress stores: paragraphs, headings, quotes and figures."""
    parts = []
    for block in article.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(RELATIVE_LINK.sub(_absolute_attr, expand_db_html(value.source)))
        elif block.block_type == "subheading":
            parts.append(f"<h2>{html.escape(str(value))}</h2>")
        elif block.block_type == "quote":
            cite = value.get("attribution")
            cite_html = f"<cite>{html.escape(cite)}</cite>" if cite else ""
            quote = html.escape(value["quote"]).replace("\n", "<br>")
            parts.append(f"<blockquote><p>{quote}</p>{cite_html}</blockquote>")
        elif block.block_type == "image":
            parts.append(_figure(value, attachment_ids))
        elif block.block_type == "embed":
            # WordPress turns a URL alone on its line into an embed.
            parts.append(f"<p>{html.escape(value.url)}</p>" if value else "")
        else:
            parts.append(RELATIVE_LINK.sub(_absolute_attr, str(block.render_as_block())))
    return "\n\n".join(part for part in parts if part)


def _absolute_attr(match: re.Match) -> str:
    return f'{match.group(1)}="{absolute_url(match.group(2))}"'


def _figure(value, attachment_ids: dict[int, int]) -> str:
    image = value.get("image")
    if image is None:
        return ""
    src = html.escape(absolute_url(image.file.url))
    alt = html.escape(value.get("alt_text") or "")
    wp_id = attachment_ids.get(image.pk)
    img = f'<img src="{src}" alt="{alt}" class="wp-image-{wp_id}"/>'
    caption = " — ".join(filter(None, [value.get("caption"), value.get("credit")]))
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="wp-block-image">{img}{figcaption}</figure>'


def _image_ids(articles, pages=None) -> set[int]:
    """Featured and body images of the articles (and the pages' body images), from raw data."""
    ids = set()
    rows = articles.values_list("featured_image_id", "body").iterator(CHUNK)
    if pages is not None:
        rows = chain(rows, ((None, body) for body in pages.values_list("body", flat=True)))
    for image_id, raw_body in rows:
        if image_id:
            ids.add(image_id)
        for raw in raw_body.raw_data if hasattr(raw_body, "raw_data") else raw_body or []:
            if raw.get("type") == "image" and (raw.get("value") or {}).get("image"):
                ids.add(int(raw["value"]["image"]))
    return ids


def _attachment_item(image, wp_id: int) -> str:
    url = absolute_url(image.file.url)
    created = getattr(image, "created_at", None)
    children = [
        element("title", image.title),
        element("link", url),
        element("pubDate", rss_date(created)),
        element("dc:creator", "", raw=True),
        element("guid", url, attrs={"isPermaLink": "false"}),
        element("description", ""),
        element("content:encoded", "", raw=True),
        element("excerpt:encoded", "", raw=True),
        element("wp:post_id", wp_id),
        element("wp:post_date", wxr_local_date(created), raw=True),
        element("wp:post_date_gmt", wxr_gmt_date(created), raw=True),
        element("wp:comment_status", "closed", raw=True),
        element("wp:ping_status", "closed", raw=True),
        element("wp:post_name", f"image-{image.pk}", raw=True),
        element("wp:status", "inherit", raw=True),
        element("wp:post_parent", 0),
        element("wp:menu_order", 0),
        element("wp:post_type", "attachment", raw=True),
        element("wp:post_password", "", raw=True),
        element("wp:is_sticky", 0),
        element("wp:attachment_url", url, raw=True),
        postmeta("_wp_attached_file", image.file.name),
    ]
    return wxr_block("item", children)


def _comment(comment: ReaderComment) -> str:
    return wxr_block(
        "wp:comment",
        [
            element("wp:comment_id", comment.pk),
            element("wp:comment_author", comment.author_name, raw=True),
            element("wp:comment_author_email", comment.author_email, raw=True),
            element("wp:comment_author_url", comment.author_url),
            element("wp:comment_author_IP", comment.author_ip or "", raw=True),
            element("wp:comment_date", wxr_local_date(comment.created_at), raw=True),
            element("wp:comment_date_gmt", wxr_gmt_date(comment.created_at), raw=True),
            element("wp:comment_content", comment.body, raw=True),
            element("wp:comment_approved", COMMENT_APPROVED.get(comment.status, "0"), raw=True),
            element("wp:comment_type", "comment", raw=True),
            element("wp:comment_parent", comment.parent_id or 0),
            element("wp:comment_user_id", 0),
        ],
    )


def section_nicenames(sections: dict[str, SectionPage]) -> dict[int, str]:
    """A site-wide unique category slug per section (page slugs are unique per parent only)."""
    nicenames, used = {}, set()
    for section in sections.values():
        parent = sections.get(section.path[: -Page.steplen])
        nicename = section.slug
        if nicename in used and parent is not None:
            nicename = f"{nicenames[parent.pk]}-{section.slug}"
        base, n = nicename, 2
        while nicename in used:
            nicename, n = f"{base}-{n}", n + 1
        used.add(nicename)
        nicenames[section.pk] = nicename
    return nicenames


def _item_children(
    page,
    *,
    post_type: str,
    parent_id: int,
    restriction,
    attachment_ids,
    creator="",
    excerpt="",
    comments_open=False,
) -> list[str]:
    """The elements every WordPress post and page has, in the order WordPress writes them."""
    status = article_status(page, restriction)
    if status == "draft":
        date, date_gmt = page.latest_revision_created_at, None
    elif status == "future":
        date = date_gmt = page.go_live_at
    else:
        date = date_gmt = page.first_published_at or page.latest_revision_created_at
    modified = page.last_published_at or page.latest_revision_created_at or date
    query = "p" if post_type == "post" else "page_id"
    password = (
        restriction.password
        if restriction and restriction.restriction_type == PageViewRestriction.PASSWORD
        else ""
    )
    return [
        element("title", page.title),
        element("link", absolute_url(page.url or "")),
        element("pubDate", rss_date(date_gmt)),
        element("dc:creator", creator, raw=True),
        element("guid", absolute_url(f"/?{query}={page.pk}"), attrs={"isPermaLink": "false"}),
        element("description", ""),
        element("content:encoded", body_html(page, attachment_ids), raw=True),
        element("excerpt:encoded", excerpt, raw=True),
        element("wp:post_id", page.pk),
        element("wp:post_date", wxr_local_date(date), raw=True),
        element("wp:post_date_gmt", wxr_gmt_date(date_gmt), raw=True),
        element("wp:post_modified", wxr_local_date(modified), raw=True),
        element("wp:post_modified_gmt", wxr_gmt_date(modified), raw=True),
        element("wp:comment_status", "open" if comments_open else "closed", raw=True),
        element("wp:ping_status", "closed", raw=True),
        element("wp:post_name", page.slug, raw=True),
        element("wp:status", status, raw=True),
        element("wp:post_parent", parent_id),
        element("wp:menu_order", 0),
        element("wp:post_type", post_type, raw=True),
        element("wp:post_password", password, raw=True),
        element("wp:is_sticky", 0),
    ]


def _page_item(page: StandardPage, *, parents: dict[str, int], restriction, attachment_ids) -> str:
    """A standard page as a WordPress page, under its parent page if it has one."""
    children = _item_children(
        page,
        post_type="page",
        parent_id=parents.get(page.path[: -Page.steplen], 0),
        restriction=restriction,
        attachment_ids=attachment_ids,
    )
    return wxr_block("item", children)


def _post_item(article, *, sections, nicenames, restriction, attachment_ids) -> str:
    credits = list(article.authorships.all())
    parent = sections.get(article.path[: -Page.steplen])
    terms = [parent] if parent else []
    terms += [s for s in article.secondary_sections.all() if s not in terms]
    children = _item_children(
        article,
        post_type="post",
        parent_id=0,
        restriction=restriction,
        attachment_ids=attachment_ids,
        creator=credits[0].author.slug if credits else "",
        excerpt=article.summary,
        comments_open=article.comments_open,
    )
    for term in terms:
        children.append(
            element(
                "category",
                term.title,
                raw=True,
                attrs={"domain": "category", "nicename": nicenames[term.pk]},
            )
        )
    for tagged in article.tagged_items.all():
        children.append(
            element(
                "category",
                tagged.tag.name,
                raw=True,
                attrs={"domain": "post_tag", "nicename": tagged.tag.slug},
            )
        )
    if article.featured_image_id in attachment_ids:
        children.append(postmeta("_thumbnail_id", attachment_ids[article.featured_image_id]))
    if article.source_name:
        children.append(postmeta("sumber", article.source_name))
    children += [_comment(c) for c in sorted(article.reader_comments.all(), key=_comment_order)]
    return wxr_block("item", children)


def _comment_order(comment: ReaderComment):
    return (comment.created_at, comment.pk)


def wxr_export(
    *,
    out: TextIO,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    section: SectionPage | None = None,
) -> Counter:
    """Write the export to `out` item by item; returns counts per kind."""
    # Links are the public site's, in its default language.
    with translation.override(settings.LANGUAGE_CODE):
        return _export_write(out=out, since=since, until=until, section=section)


def _export_write(*, out, since, until, section) -> Counter:
    counts = Counter()
    articles = articles_select(since=since, until=until, section=section)
    whole_site = not (since or until or section)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site else None
    base_url = public_url("/").rstrip("/")
    wxr_header_write(
        out,
        title=(site.site_name if site and site.site_name else home.title if home else ""),
        link=base_url + "/",
        description=getattr(home.specific, "search_description", "") if home else "",
        language=settings.LANGUAGE_CODE.split("-")[0],
        base_url=base_url,
    )
    authors = Author.objects.select_related("user").order_by("pk")
    if not whole_site:
        authors = authors.filter(authorships__article__in=articles.values("pk")).distinct()
    for number, author in enumerate(authors.iterator(CHUNK), start=1):
        first, _sep, last = author.name.rpartition(" ")
        out.write(
            wxr_block(
                "wp:author",
                [
                    element("wp:author_id", number),
                    element("wp:author_login", author.slug, raw=True),
                    element("wp:author_email", author.user.email if author.user else "", raw=True),
                    element("wp:author_display_name", author.name, raw=True),
                    element("wp:author_first_name", first, raw=True),
                    element("wp:author_last_name", last, raw=True),
                ],
            )
            + "\n"
        )
        counts["author"] += 1
    sections = {s.path: s for s in SectionPage.objects.order_by("path")}
    nicenames = section_nicenames(sections)
    for section_page in sections.values():
        parent = sections.get(section_page.path[: -Page.steplen])
        out.write(
            wxr_block(
                "wp:category",
                [
                    element("wp:term_id", section_page.pk),
                    element("wp:category_nicename", nicenames[section_page.pk], raw=True),
                    element("wp:category_parent", nicenames[parent.pk] if parent else "", raw=True),
                    element("wp:cat_name", section_page.title, raw=True),
                    element("wp:category_description", section_page.description, raw=True),
                ],
            )
            + "\n"
        )
        counts["category"] += 1
    tags = Tag.objects.all()
    if not whole_site:
        tags = tags.filter(news_articletag_items__content_object__in=articles.values("pk"))
    for tag in tags.distinct().order_by("pk").iterator(CHUNK):
        out.write(
            wxr_block(
                "wp:tag",
                [
                    element("wp:term_id", tag.pk),
                    element("wp:tag_slug", tag.slug, raw=True),
                    element("wp:tag_name", tag.name, raw=True),
                ],
            )
            + "\n"
        )
        counts["tag"] += 1
    # Attachment IDs follow the page IDs, so posts and attachments never share one.
    offset = Page.objects.aggregate(top=Max("pk"))["top"] or 0
    # Standard pages belong to the whole site, not to a date range or a section.
    pages = StandardPage.objects.order_by("path") if whole_site else None
    image_ids = sorted(_image_ids(articles, pages))
    attachment_ids = {pk: offset + pk for pk in image_ids}
    images = get_image_model().objects.filter(pk__in=image_ids).order_by("pk")
    for image in images.iterator(CHUNK):
        out.write(_attachment_item(image, attachment_ids[image.pk]) + "\n")
        counts["attachment"] += 1
    restrictions = {
        r.page.path: r for r in PageViewRestriction.objects.select_related("page").order_by("pk")
    }
    if pages is not None:
        # Parents first (by path), as WordPress writes them; the importer copes either way.
        parents = dict(pages.values_list("path", "pk"))
        for page in pages.iterator(CHUNK):
            out.write(
                _page_item(
                    page,
                    parents=parents,
                    restriction=_restriction_for(page, restrictions),
                    attachment_ids=attachment_ids,
                )
                + "\n"
            )
            counts["page"] += 1
    rows = articles.select_related("featured_image").prefetch_related(
        "authorships__author", "tagged_items__tag", "secondary_sections", "reader_comments"
    )
    for article in rows.iterator(CHUNK):
        restriction = _restriction_for(article, restrictions)
        out.write(
            _post_item(
                article,
                sections=sections,
                nicenames=nicenames,
                restriction=restriction,
                attachment_ids=attachment_ids,
            )
            + "\n"
        )
        counts["post"] += 1
        counts["comment"] += len(article.reader_comments.all())
    wxr_footer_write(out)
    return counts


def _restriction_for(page: Page, restrictions: dict[str, PageViewRestriction]):
    """The privacy setting the page has, itself or from an ancestor."""
    return next((r for path, r in restrictions.items() if page.path.startswith(path)), None)


def section_for_export(slug: str) -> SectionPage | None:
    """The section with the slug, or None."""
    return SectionPage.objects.filter(slug=slug).order_by("depth", "pk").first()
