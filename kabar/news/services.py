"""Changes that span news models: the scheduler's embargo releases (with nobody in the admin)
and the newsroom's tags: rename, merge and delete, each leaving no dead address.

A tag's page is /tag/<slug>/ (and /en/tag/<slug>/). Renaming or merging a tag leaves a
permanent redirect from its old pages to the new ones (Wagtail's redirects, which answer only
where nothing else does), points older redirects at the new page instead of chaining them,
purges the cached pages (everything: a tag's name shows on cards all over the site) and
refreshes the search entries of the articles concerned.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision
from wagtail.search import index

from kabar.pagecache.purge import everything_purge

from .invalidation import article_purge
from .models import ArticlePage, ArticleTag
from .tasks import articles_reindex


def tag_paths(slug: str) -> list[str]:
    """The tag's page in each language, the default first: /tag/x/, /en/tag/x/."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("news:tag", kwargs={"slug": slug}))
    return paths


def tag_article_ids(tag: Tag) -> list[int]:
    return list(ArticleTag.objects.filter(tag=tag).values_list("content_object_id", flat=True))


def tag_redirects_move(*, old_slug: str, new_slug: str) -> None:
    """Send /tag/<old_slug>/ (and whatever led there) to /tag/<new_slug>/, permanently."""
    for old, new in zip(tag_paths(old_slug), tag_paths(new_slug), strict=True):
        Redirect.objects.filter(redirect_link=old).update(redirect_link=new)
        # The new page answers for itself now: a redirect from it would never be reached.
        Redirect.objects.filter(old_path=Redirect.normalise_path(new)).delete()
        Redirect.objects.filter(old_path=Redirect.normalise_path(old)).delete()
        Redirect.add_redirect(old, redirect_to=new, is_permanent=True)


def tag_changed(article_ids: list[int]) -> None:
    """Once the change commits: purge every cached page and refresh the articles' search
    entries (their tags are indexed with them)."""
    everything_purge()
    if article_ids:
        transaction.on_commit(lambda: articles_reindex.enqueue(sorted(set(article_ids))))


def tag_name_check(*, name: str, exclude: Tag | None = None) -> tuple[str, str]:
    """(the cleaned name, its slug), or a ValidationError in Indonesian."""
    name = " ".join(name.split())
    slug = slugify(name)
    if not name or not slug:
        raise ValidationError(_("Enter a tag name with letters or digits."))
    others = Tag.objects.exclude(pk=exclude.pk) if exclude else Tag.objects.all()
    if others.filter(name__iexact=name).exists() or others.filter(slug=slug).exists():
        raise ValidationError(
            _("The tag “%(name)s” already exists: merge into it instead.") % {"name": name}
        )
    return name, slug


@transaction.atomic
def tag_rename(*, tag: Tag, name: str) -> Tag:
    """Give the tag a new name and address; its old address redirects to the new one."""
    name, slug = tag_name_check(name=name, exclude=tag)
    old_slug = tag.slug
    tag.name, tag.slug = name, slug
    tag.save()
    if slug != old_slug:
        tag_redirects_move(old_slug=old_slug, new_slug=slug)
    tag_changed(tag_article_ids(tag))
    return tag


def revisions_retag(*, article_ids: list[int], source: Tag, target: Tag | None) -> None:
    """Point the articles' latest and live revisions at the target tag (or drop the source
    tag, without a target), so that publishing a draft saved before the change does not
    bring a deleted tag back."""
    pages = ArticlePage.objects.filter(pk__in=article_ids).values_list(
        "latest_revision_id", "live_revision_id"
    )
    revision_ids = {pk for pair in pages for pk in pair if pk}
    for revision in Revision.objects.filter(pk__in=revision_ids):
        items = revision.content.get("tagged_items") or []
        if not any(item.get("tag") == source.pk for item in items):
            continue
        kept, seen = [], set()
        for item in items:
            tag_id = item.get("tag")
            if tag_id == source.pk:
                if target is None:
                    continue
                tag_id = target.pk
            if tag_id in seen:
                continue
            seen.add(tag_id)
            kept.append({**item, "tag": tag_id})
        revision.content["tagged_items"] = kept
        revision.save(update_fields=["content"])


@transaction.atomic
def tag_merge(*, source: Tag, target: Tag) -> int:
    """Move the source tag's articles to the target, delete the source and redirect its
    address to the target's; returns how many articles were moved."""
    if source.pk == target.pk:
        raise ValidationError(_("Choose another tag to merge into."))
    article_ids = tag_article_ids(source)
    already = set(
        ArticleTag.objects.filter(tag=target, content_object_id__in=article_ids).values_list(
            "content_object_id", flat=True
        )
    )
    ArticleTag.objects.filter(tag=source, content_object_id__in=already).delete()
    ArticleTag.objects.filter(tag=source).update(tag=target)
    revisions_retag(article_ids=article_ids, source=source, target=target)
    old_slug = source.slug
    source.delete()
    tag_redirects_move(old_slug=old_slug, new_slug=target.slug)
    tag_changed(article_ids + tag_article_ids(target))
    return len(article_ids)


@transaction.atomic
def tag_delete(*, tag: Tag) -> int:
    """Delete the tag from every article; returns how many articles carried it."""
    article_ids = tag_article_ids(tag)
    # Redirects to its page would now lead nowhere.
    Redirect.objects.filter(redirect_link__in=tag_paths(tag.slug)).delete()
    revisions_retag(article_ids=article_ids, source=tag, target=None)
    tag.delete()
    tag_changed(article_ids)
    return len(article_ids)


# Embargoes ------------------------------------------------------------------------------------


def embargoes_release(*, now: datetime.datetime | None = None) -> list[ArticlePage]:
    """Bring out the published articles whose embargo has just passed: dated at the embargo
    time (readers' lists and feeds sort by it) and purged from every cached page that shows
    them. Returns them; an article already released is not touched again."""
    now = now or timezone.now()
    # Released means first published at or after the embargo time (see docs/embargo.md).
    due = ArticlePage.objects.live().filter(
        embargo_until__lte=now, first_published_at__lt=F("embargo_until")
    )
    released = []
    for article in due.order_by("embargo_until", "pk"):
        with transaction.atomic():
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=article.embargo_until,
                last_published_at=article.embargo_until,
            )
            article.first_published_at = article.last_published_at = article.embargo_until
            index.insert_or_update_object(article)
            article_purge(article)
        released.append(article)
    return released
