"""Wire items in the database: upsert by source and GUID, versions, kills, and articles from them.

Polling the same feed twice changes nothing. A new version updates the desk's entry; when an
article was already made from the item, the article is left alone and its editor gets a notice
listing the differences. A kill notice flags the item and the article made from it.
"""

import difflib
import logging
from dataclasses import asdict, dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import LogContext

from kabar.ingest.models import WireFingerprint, WireItem, WireKeywordTag, WireSource
from kabar.ingest.wire import WireEntry
from kabar.ingest.wire.html import html_paragraphs, html_text
from kabar.ingest.wxr.content import content_to_blocks
from kabar.news.models import ArticleAuthor, ArticlePage, Author, SectionPage

from .fetch import FetchError, url_fetch
from .terms import child_slug_free
from .wire_dedupe import (
    Signature,
    bands_insert,
    best_match,
    candidates_find,
    fingerprint_save,
    signature_bands,
    similar_find,
    terms_signature,
    text_terms,
)

logger = logging.getLogger(__name__)

IMAGE_MAX_BYTES = 15 * 1024 * 1024
IMAGE_TIMEOUT = 15
IMAGE_NAME_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


@dataclass
class WireCounts:
    """What one poll of one source did, as `wire_poll` prints it."""

    found: int = 0
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: str) -> None:
        if hasattr(self, outcome):
            setattr(self, outcome, getattr(self, outcome) + 1)

    def line(self, name: str) -> str:
        return (
            f"{name}: found {self.found}, created {self.created}, updated {self.updated}, "
            f"duplicates {self.duplicates}, refused {self.refused}"
        )


def entry_fields(entry: WireEntry) -> dict:
    """The model fields an entry fills."""
    return {
        "checksum": entry.checksum,
        "version": entry.version[:40],
        "headline": entry.headline[:500],
        "summary": entry.summary,
        "body_html": entry.body_html,
        "byline": entry.byline[:255],
        "keywords": entry.keywords,
        "images": [asdict(image) for image in entry.images],
        "url": entry.url[:1000],
        "published_at": entry.published_at,
        "source_updated_at": entry.updated_at,
        "dateline_place": entry.dateline_place[:80],
        "dateline_agency": entry.dateline_agency[:40],
        "credit": entry.credit[:80],
        "language": entry.language[:20],
    }


def wire_item_text(item: WireItem) -> str:
    """The item's text as compared for duplicates: headline, summary and body."""
    return "\n".join([item.headline, item.summary, html_text(item.body_html)])


def wire_item_index(item: WireItem) -> Signature | None:
    """Fill in the item's search text and return its signature, both from one pass over its
    words: the stems of its text, and for the search the dateline place's too."""
    return terms_signature(wire_item_terms(item))


def wire_item_terms(item: WireItem) -> list[str]:
    """Fill in the item's search text; return the stems of its text (for the fingerprint)."""
    terms = text_terms(wire_item_text(item))
    item.search_text = " ".join([*text_terms(item.dateline_place), *terms])
    return terms


def wire_search_text_rebuild(*, chunk: int = 500) -> int:
    """Write every item's search text again (after the stopword or protected-word lists
    changed); the database's index follows. Returns how many items changed."""
    changed = 0
    items = WireItem.objects.only(
        "pk", "dateline_place", "headline", "summary", "body_html", "search_text"
    )
    ids = list(WireItem.objects.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), chunk):
        batch = list(items.filter(pk__in=ids[first : first + chunk]))
        stale = []
        for item in batch:
            old = item.search_text
            wire_item_terms(item)
            if item.search_text != old:
                stale.append(item)
        with transaction.atomic():
            WireItem.objects.bulk_update(stale, ["search_text"])
        changed += len(stale)
    return changed


def entry_accepted(*, source: WireSource, entry: WireEntry) -> bool:
    """Whether the source's keyword filters let the entry in."""
    keywords = {k.strip().lower() for k in entry.keywords}
    headline = entry.headline.lower()
    if any(k in keywords or k in headline for k in source.keyword_list("keywords_exclude")):
        return False
    include = source.keyword_list("keywords_include")
    return not include or any(k in keywords or k in headline for k in include)


def wire_item_dedupe(*, item: WireItem, is_new: bool = False) -> bool:
    """Fingerprint the item and link it to the most similar earlier copy; True if it has one."""
    signature = wire_item_index(item)
    matches = similar_find(signature=signature, exclude_item_id=item.pk, limit=1)
    fingerprint_save(signature=signature, item=item, is_new=is_new)
    item.duplicate_of = item.duplicate_of_article = item.similarity = None
    if matches:
        match, score = matches[0]
        item.duplicate_of_id, item.duplicate_of_article_id = match.item_id, match.article_id
        item.similarity = score
    item.save(
        update_fields=[
            "duplicate_of",
            "duplicate_of_article",
            "similarity",
            "search_text",
            "changed_at",
        ]
    )
    return bool(matches)


def wire_item_differences(*, item: WireItem, entry: WireEntry) -> str:
    """A readable diff of what the new version changes, headline, summary and body."""
    before = [item.headline, item.summary, *html_paragraphs(item.body_html)]
    after = [entry.headline, entry.summary, *html_paragraphs(entry.body_html)]
    lines = difflib.unified_diff(before, after, lineterm="", n=0)
    return "\n".join(line for line in lines if not line.startswith(("---", "+++", "@@")))


def wire_item_kill(*, item: WireItem) -> WireItem:
    """Flag a withdrawn item, and the article made from it, for the editors."""
    now = timezone.now()
    item.killed, item.killed_at = True, item.killed_at or now
    fields = ["killed", "killed_at", "changed_at"]
    if item.article_id:
        item.notice = _(
            "The agency has withdrawn this story. Check the article and unpublish it if need be."
        )
        item.notice_at = now
        fields += ["notice", "notice_at"]
    item.save(update_fields=fields)
    return item


@transaction.atomic
def wire_item_upsert(*, source: WireSource, entry: WireEntry) -> str:
    """Create or update the item for the entry: "created", "updated" or "unchanged"."""
    item = WireItem.objects.select_for_update().filter(source=source, guid=entry.guid).first()
    if entry.killed:
        if item is None:
            # A kill before the story: remember it, so the copy never reaches the desk.
            item = WireItem.objects.create(
                source=source,
                guid=entry.guid,
                status=WireItem.Status.IGNORED,
                **entry_fields(entry),
            )
        elif item.killed:
            return "unchanged"
        wire_item_kill(item=item)
        return "updated"
    checksum = entry.checksum
    if item is not None and (item.checksum == checksum or item.killed):
        return "unchanged"
    if item is None:
        item = WireItem.objects.create(source=source, guid=entry.guid, **entry_fields(entry))
        duplicate = wire_item_dedupe(item=item, is_new=True)
        wire_item_route(item=item)
        return "duplicates" if duplicate else "created"
    if item.article_id:
        item.notice = _("The agency sent a new version. What changed:\n%(diff)s") % {
            "diff": wire_item_differences(item=item, entry=entry)
        }
        item.notice_at = timezone.now()
    for name, value in entry_fields(entry).items():
        setattr(item, name, value)
    item.save()
    wire_item_dedupe(item=item)
    return "updated"


def wire_items_create(*, source: WireSource, entries: list[WireEntry]) -> list[str]:
    """Store new, live items of a source whose rule leaves them queued, all at once: what
    `wire_item_upsert` does for each, "created" or "duplicates", in a handful of queries.

    Each item is compared with the stored copy and with the items before it in `entries`, as
    if they had been upserted one by one. Run it in a transaction (a failure leaves nothing).
    """
    items = [WireItem(source=source, guid=entry.guid, **entry_fields(entry)) for entry in entries]
    signatures = [wire_item_index(item) for item in items]
    items = WireItem.objects.bulk_create(items)
    bands = [signature_bands(s) if s is not None else [] for s in signatures]
    stored = candidates_find(bands=bands)
    prints = WireFingerprint.objects.bulk_create(
        WireFingerprint(
            item=item,
            signature=signature.hashvalues.astype("<u4").tobytes(),
            shingles=signature.shingles,
        )
        for item, signature in zip(items, signatures, strict=True)
        if signature is not None
    )
    # The batch's own fingerprints by band, so an item is also compared with those before it.
    earlier, rows, fingerprint_of = {}, [], {fp.item_id: fp for fp in prints}
    outcomes, matched = [], []
    for item, signature, keys, candidates in zip(items, signatures, bands, stored, strict=True):
        own = {fp.pk: fp for key in keys for fp in earlier.get(key, ())}
        match = best_match(signature, [*candidates, *own.values()])
        if match is not None:
            fingerprint, item.similarity = match
            item.duplicate_of_id = fingerprint.item_id
            item.duplicate_of_article_id = fingerprint.article_id
            matched.append(item)
        outcomes.append("duplicates" if match is not None else "created")
        if signature is not None:
            fingerprint = fingerprint_of[item.pk]
            rows += [(fingerprint.pk, key) for key in keys]
            for key in keys:
                earlier.setdefault(key, []).append(fingerprint)
    bands_insert(rows)
    WireItem.objects.bulk_update(matched, ["duplicate_of", "duplicate_of_article", "similarity"])
    return outcomes


def wire_item_route(*, item: WireItem) -> None:
    """Apply the source's rule to a new item: leave it queued, draft it, or publish it."""
    source = item.source
    if source.rule == WireSource.Rule.QUEUE or source.section is None:
        return
    # A duplicate of something already on the desk or the site waits for an editor.
    if item.duplicate_of_id or item.duplicate_of_article_id:
        return
    article = wire_item_take(item=item, user=None, section=source.section)
    if source.rule == WireSource.Rule.PUBLISH and wire_rule_may_publish(source=source):
        revision = article.get_latest_revision()
        revision.publish(user=source.rule_set_by)


def wire_rule_may_publish(*, source: WireSource) -> bool:
    """Whether the person who set the source's rule may publish in its section."""
    user = source.rule_set_by
    if user is None or not user.is_active or source.section is None:
        return False
    return source.section.permissions_for_user(user).can_publish_subpage()


def keyword_tags(keywords: list[str]) -> list[str]:
    """The tags the editors' rules make of the agency keywords (unmapped ones kept as is)."""
    rules = dict(
        WireKeywordTag.objects.filter(keyword__in=[k.lower() for k in keywords]).values_list(
            "keyword", "tag"
        )
    )
    tags = []
    for keyword in keywords:
        tag = rules.get(keyword.lower(), keyword)
        if tag and tag.lower() not in {t.lower() for t in tags}:
            tags.append(tag[:100])
    return tags


def wire_image_fetch(*, item: WireItem):
    """The item's first image in Wagtail's library, or None when it cannot be fetched."""
    for image in item.images:
        try:
            fetched = url_fetch(
                image["url"], accept=("image/",), max_bytes=IMAGE_MAX_BYTES, timeout=IMAGE_TIMEOUT
            )
        except FetchError as exc:
            logger.info("Wire image %s not fetched: %s", image["url"], exc)
            continue
        mime = fetched.content_type.split(";")[0].strip().lower()
        name = f"{slugify(item.headline)[:60] or 'wire'}.{IMAGE_NAME_EXTENSIONS.get(mime, 'jpg')}"
        title = (image.get("caption") or item.headline)[:255]
        picture = get_image_model()(title=title, file=ContentFile(fetched.body, name=name))
        try:
            picture.file_size = len(fetched.body)
            picture._set_file_hash()
            picture.save()
        except Exception:  # noqa: BLE001 - a file Pillow cannot read is no lead image
            logger.info("Wire image %s is not a readable image", image["url"])
            continue
        return picture, image
    return None, None


def wire_item_take(*, item: WireItem, user=None, section: SectionPage | None = None) -> ArticlePage:
    """A draft article from the item, credited and datelined, with its tags and lead image."""
    if item.article_id and item.article is not None:
        return item.article
    section = section or item.source.section
    if section is None:
        raise ValueError(_("Choose a section for the article."))
    blocks = [
        block
        for block in content_to_blocks(item.body_html).blocks
        if block["type"] not in ("wp_image", "wp_gallery")
    ]
    picture, image = wire_image_fetch(item=item)
    credit = item.credit_line
    article = ArticlePage(
        title=item.headline[:255],
        slug=child_slug_free(section, slugify(item.headline)[:200] or "berita"),
        summary=item.summary,
        dateline_place=item.dateline_place,
        dateline_agency=item.dateline_agency or credit[:40],
        source_name=credit,
        source_url=item.url if item.url.startswith(("http://", "https://")) else "",
        body=blocks,
        featured_image=picture,
        featured_image_caption=(image or {}).get("caption", "")[:250],
        featured_image_credit=((image or {}).get("credit") or credit)[:120],
        owner=user,
        live=False,
    )
    # The page's history names the person who took the item, from its creation on.
    with transaction.atomic(), LogContext(user=user):
        section.add_child(instance=article)
        author = Author.objects.filter(name=credit).first() or Author.objects.create(
            name=credit, job_title=_("News agency")
        )
        ArticleAuthor.objects.create(article=article, author=author, sort_order=0)
        # Cluster tags are written to the database when the page is saved.
        article.tags.add(*keyword_tags(item.keywords))
        article.save()
        article.save_revision(user=user, log_action=True)
        item.article, item.status = article, WireItem.Status.TAKEN
        item.save(update_fields=["article", "status", "changed_at"])
    return article
