"""WordPress posts → articles and pages → standard pages, with their status, dates and URLs."""

import dataclasses
import datetime
import html
from urllib.parse import unquote

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from kabar.ingest.models import WordPressItem
from kabar.ingest.wxr.content import content_to_blocks, rich_text_clean
from kabar.ingest.wxr.parse import WxrItem
from kabar.ingest.wxr.permalinks import permalink_path, site_relative
from kabar.news.models import ArticleAuthor, ArticlePage, SectionPage, StandardPage

from .comments import comments_skip, comments_upsert
from .media import attachment_image
from .redirects import redirect_upsert
from .run import ImportRun, checksum_of
from .terms import child_slug_free, page_slug

LIVE_STATUSES = {"publish", "private"}
DRAFT_STATUSES = {"draft", "pending", "auto-draft", "future"}
UNCATEGORISED_SLUG = "tanpa-rubrik"


def body_resolve(*, run: ImportRun, item: WxrItem) -> list[dict]:
    """The item's content as raw `ArticleBodyBlock` data, images swapped for library images."""
    conversion = content_to_blocks(
        item.content,
        reusable=run.reusable,
        rewrite_url=lambda url: site_relative(url, run.site_url),
    )
    for note in conversion.notes:
        run.summary.warn(item.label, note)
    blocks = []
    for block in conversion.blocks:
        if block["type"] == "wp_image":
            blocks.extend(image_block(run=run, item=item, **block["value"]))
        elif block["type"] == "wp_gallery":
            for wp_id in block["value"]["ids"]:
                blocks.extend(image_block(run=run, item=item, wp_id=wp_id))
        else:
            blocks.append(block)
    return blocks


def image_block(
    *, run: ImportRun, item: WxrItem, wp_id=None, src="", alt_text="", caption=""
) -> list[dict]:
    """An image block; a missing image keeps its caption as text and is reported."""
    image, meta = attachment_image(run=run, wp_id=wp_id, src=src)
    if image is None:
        if not run.options.dry_run:
            run.summary.warn(
                item.label,
                _("The image %(image)s was not imported; its caption was kept as text.")
                % {"image": src or wp_id},
            )
        text = caption or alt_text
        return [{"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"}] if text else []
    return [
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": (alt_text or meta.get("alt", ""))[:255],
                "caption": caption or meta.get("caption", ""),
                "credit": meta.get("credit", ""),
            },
        }
    ]


def item_dates(item: WxrItem) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Published and modified times in UTC; drafts that never had a date get none."""
    published = item.date_gmt
    modified = item.modified_gmt or published
    return published, max(modified, published) if published and modified else modified


def article_section(*, run: ImportRun, item: WxrItem) -> tuple[Page, list[SectionPage]]:
    """The primary section (first category) and the secondary ones."""
    sections = []
    for term in item.categories():
        section = run.target("category", term.slug)
        if section is not None and section.pk not in {s.pk for s in sections}:
            sections.append(section.specific)
    if sections:
        return sections[0], sections[1:]
    fallback = SectionPage.objects.child_of(run.home).filter(slug=UNCATEGORISED_SLUG).first()
    if fallback is None:
        fallback = SectionPage(title=_("Uncategorised"), slug=UNCATEGORISED_SLUG)
        run.home.add_child(instance=fallback)
        fallback.save_revision(log_action=False).publish(log_action=False)
    return fallback, []


def page_fields_apply(*, run: ImportRun, page: Page, item: WxrItem) -> None:
    page.title = (html.unescape(item.title).strip() or _("(untitled)"))[:255]
    page.body = body_resolve(run=run, item=item)
    published, _modified = item_dates(item)
    page.go_live_at = published if item.status == "future" else None
    if isinstance(page, ArticlePage):
        page.summary = html.unescape(rich_text_clean(item.excerpt, None).replace("<br>", "\n"))
        page.summary = page.summary.replace("<p>", "").replace("</p>", "\n").strip()
        page.comments_open = item.comment_status != "closed"
        thumbnail_id = item.meta.get("_thumbnail_id", "")
        image, meta = (
            attachment_image(run=run, wp_id=int(thumbnail_id))
            if thumbnail_id.isdigit()
            else (None, {})
        )
        page.featured_image = image
        page.featured_image_caption = (meta.get("caption") or "")[:250]
        page.featured_image_credit = (meta.get("credit") or "")[:120]
        source = item.meta.get("sumber", "").strip()
        if source:
            page.source_name = source[:80]
        author = run.target("author", item.creator)
        page.authorships = [ArticleAuthor(author=author)] if author else []
        tags = [run.target("tag", term.slug) for term in item.tags()]
        page.tags.set([tag for tag in tags if tag is not None])


def publication_apply(*, run: ImportRun, page: Page, item: WxrItem, is_new: bool) -> None:
    """Save a revision and make the page live, scheduled or draft as the post was."""
    published, modified = item_dates(item)
    # With the person who started it known, each page's history says they imported and
    # published it (its creation is theirs through the import's LogContext).
    user = run.options.user
    logged = user is not None
    revision = page.save_revision(user=user, log_action=logged, clean=False)
    if item.status in LIVE_STATUSES or item.status == "future":
        revision.publish(user=user, log_action=logged, skip_permission_checks=True)
    elif page.live:
        page.unpublish(user=user, log_action=logged)
    # Publishing worked on its own copy of the page; only these two are needed from it.
    live, revision_created_at = Page.objects.values_list("live", "latest_revision_created_at").get(
        pk=page.pk
    )
    updates = {"latest_revision_created_at": modified or revision_created_at}
    # A post scheduled for a time already past went live at once, as WordPress would have.
    if item.status in LIVE_STATUSES or (item.status == "future" and live):
        updates.update(first_published_at=published or modified, last_published_at=modified)
    # All on Page's own table: one UPDATE, where the subclass's manager needs two queries.
    Page.objects.filter(pk=page.pk).update(**updates)
    revision.created_at = modified or revision.created_at
    revision.save(update_fields=["created_at"])
    restriction_apply(page=page, item=item, is_new=is_new)


def restriction_apply(*, page: Page, item: WxrItem, is_new: bool = False) -> None:
    """Private posts need a login; password-protected ones ask for their password."""
    if item.status == "private":
        kind, password = PageViewRestriction.LOGIN, ""
    elif item.password:
        kind, password = PageViewRestriction.PASSWORD, item.password
    else:
        if not is_new:  # A page made just now has no restriction to lift.
            PageViewRestriction.objects.filter(page=page).delete()
        return
    existing = None if is_new else PageViewRestriction.objects.filter(page=page).first()
    restriction = existing or PageViewRestriction(page=page)
    restriction.restriction_type, restriction.password = kind, password
    restriction.save()


def post_upsert(*, run: ImportRun, item: WxrItem) -> None:
    """An article for a post, or a standard page for a page; drafts stay drafts."""
    kind = item.post_type
    if item.status == "trash":
        run.summary.skip(kind, item.label, _("It is in the WordPress trash."))
        comments_skip(run=run, item=item, reason=_("Its post is in the WordPress trash."))
        return
    if item.status not in LIVE_STATUSES | DRAFT_STATUSES:
        run.summary.skip(
            kind, item.label, _("Unknown status “%(status)s”.") % {"status": item.status}
        )
        comments_skip(run=run, item=item, reason=_("Its post was not imported."))
        return
    if kind == "post" and item.is_sticky:
        run.sticky.append(item.id)
    parent_marker = ("page", item.parent_id) if kind == "page" and item.parent_id else None
    # Comments are imported (and checked for changes) one by one, not with their post.
    checksum = checksum_of(
        dataclasses.replace(item, comments=[]), sorted(run.reusable), parent_marker
    )
    record = run.record(kind, item.id)
    page = record.target if record else None
    outcome = "updated" if page is not None else "created"
    if page is not None and record.checksum == checksum:
        run.summary.count(kind, "unchanged")
    else:
        try:
            with transaction.atomic():
                page = item_page_save(
                    run=run,
                    item=item,
                    page=page.specific if page else None,
                    checksum=checksum,
                    record=record,
                )
        except Exception as exc:  # noqa: BLE001 - one bad post must not stop the import
            run.targets_forget()
            run.summary.skip(
                kind, item.label, _("It could not be saved: %(error)s") % {"error": exc}
            )
            comments_skip(run=run, item=item, reason=_("Its post was not imported."))
            return
        run.summary.count(kind, outcome)
    if kind == "post":
        comments_upsert(run=run, item=item, article=page.specific)
    elif item.comments:
        comments_skip(run=run, item=item, reason=_("Comments on pages are not imported."))


def item_page_save(
    *,
    run: ImportRun,
    item: WxrItem,
    page: Page | None,
    checksum: str,
    record: WordPressItem | None,
) -> Page:
    kind = item.post_type
    is_new = page is None
    if kind == "post":
        parent, secondary = article_section(run=run, item=item)
    else:
        parent = (run.target("page", item.parent_id) if item.parent_id else None) or run.home
        secondary = []
        if item.parent_id and parent is run.home:
            run.summary.warn(
                item.label,
                _("Its parent page %(id)s was not imported; it was put under the home page.")
                % {"id": item.parent_id},
            )
    raw_slug = item.meta.get("_wp_desired_post_slug") or item.slug
    slug = page_slug(raw_slug, item.title or f"{kind}-{item.id}")
    if page is None:
        page = (ArticlePage if kind == "post" else StandardPage)(title=item.title or "-")
        page.slug = child_slug_free(parent, slug)
        page.live = False
        page_fields_apply(run=run, page=page, item=item)
        page.has_unpublished_changes = True
        # The locale Wagtail would give it, without its query for the parent's.
        page.locale_id = parent.locale_id
        parent.add_child(instance=page)
    else:
        if page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            page = type(page).objects.get(pk=page.pk)
        page_fields_apply(run=run, page=page, item=item)
        page.slug = child_slug_free(parent, slug, exclude_pk=page.pk)
    if kind == "post":
        page.secondary_sections.set(secondary)
    publication_apply(run=run, page=page, item=item, is_new=is_new)
    page = type(page).objects.get(pk=page.pk)
    source = site_relative(item.link, run.site_url) if item.link else ""
    run.remember(kind, item.id, page, checksum=checksum, source_path=source, record=record)
    item_redirects(run=run, item=item, page=page)
    return page


def item_redirects(*, run: ImportRun, item: WxrItem, page: Page) -> None:
    """Every old address of the post: permalink, ?p=ID, old slugs and old dates."""
    query = "page_id" if item.post_type == "page" else "p"
    old_paths = {f"/?{query}={item.id}"}
    if item.status in LIVE_STATUSES and item.link:
        old_paths.add(site_relative(item.link, run.site_url))
    if item.post_type == "post":
        structure = run.options.permalink_structure
        category = item.categories()[0].slug if item.categories() else ""
        slugs = [
            item.meta.get("_wp_desired_post_slug") or item.slug,
            *item.meta_multi.get("_wp_old_slug", []),
        ]
        dates = [item.date]
        for old_date in item.meta_multi.get("_wp_old_date", []):
            try:
                day = datetime.date.fromisoformat(old_date.strip()[:10])
            except ValueError:
                continue
            if item.date:
                dates.append(item.date.replace(year=day.year, month=day.month, day=day.day))
        for slug in filter(None, slugs):
            for date in dates:
                path = permalink_path(
                    structure,
                    slug=unquote(slug),
                    post_id=item.id,
                    date=date,
                    category=category,
                    author=item.creator,
                )
                if path:
                    old_paths.add(path)
    for old in old_paths:
        if old.startswith("/"):
            redirect_upsert(run=run, old_path=unquote(old), page=page)
