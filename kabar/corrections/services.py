"""Changes: attaching notes to a story, withdrawing a story, noting its verification."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.search import index as search_index

from kabar.core.services import ADMIN_GROUP, EDITOR_GROUP
from kabar.core.templatetags.kabar import long_datetime
from kabar.news.models import ArticlePage

from .models import Correction

# Only these roles may take a story down (besides superusers).
WITHDRAW_GROUPS = (EDITOR_GROUP, ADMIN_GROUP)


def correction_add(
    *, article: ArticlePage, kind: str, text: str, party: str = "", user
) -> Correction:
    """Attach a note to `article`, timed now and signed by `user`; purges its pages."""
    correction = Correction(
        article=article, kind=kind, text=text.strip(), party=party.strip(), created_by=user
    )
    correction.full_clean()
    correction.save()  # the post_save signal purges every page that shows the story
    log(
        instance=article,
        action="corrections.add",
        user=user,
        data={"kind": kind, "correction_id": correction.pk},
    )
    return correction


def correction_update(
    *, correction: Correction, kind: str, text: str, party: str = "", user
) -> Correction:
    """Change a note's kind, text or party; its time stays the one readers first saw."""
    correction.kind, correction.text, correction.party = kind, text.strip(), party.strip()
    correction.full_clean()
    correction.save()
    log(
        instance=correction.article,
        action="corrections.edit",
        user=user,
        data={"kind": kind, "correction_id": correction.pk},
    )
    return correction


def user_can_withdraw(user) -> bool:
    """Editors and administrators may withdraw a story; writers may not."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=WITHDRAW_GROUPS).exists()


@transaction.atomic
def article_withdraw(*, article: ArticlePage, reason: str, user) -> ArticlePage:
    """Withdraw a published story (PPMS 5): its URL answers 410 with `reason`, and it leaves
    every listing, search, feed and sitemap at once."""
    if not user_can_withdraw(user):
        raise PermissionDenied(_("Only editors and administrators can withdraw an article."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason readers will see.")})
    if not article.live:
        raise ValidationError(_("Only a published article can be withdrawn."))
    if article.withdrawn_at is not None:
        raise ValidationError(_("This article has already been withdrawn."))
    # The listings are worked out before the story leaves them.
    now = timezone.now()
    ArticlePage.objects.filter(pk=article.pk).update(
        withdrawn_at=now, withdrawn_reason=reason, withdrawn_by=user
    )
    article.withdrawn_at, article.withdrawn_reason, article.withdrawn_by = now, reason, user
    log(instance=article, action="corrections.withdraw", user=user, data={"reason": reason})
    # A search backend that copies filter fields (OpenSearch) must learn of it too.
    transaction.on_commit(lambda: search_index.insert_or_update_object(article))
    article_pages_purge(article)
    return article


@transaction.atomic
def article_reinstate(*, article: ArticlePage, reason: str, user) -> Correction:
    """Undo a withdrawal made in error: the story answers again and returns to every listing,
    search, feed and sitemap, with a public update note saying it was withdrawn and why it is
    back (the withdrawal itself stays in the page's history)."""
    if not user_can_withdraw(user):
        raise PermissionDenied(_("Only editors and administrators can reinstate an article."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason readers will see.")})
    if article.withdrawn_at is None:
        raise ValidationError(_("This article has not been withdrawn."))
    withdrawn_at = article.withdrawn_at
    ArticlePage.objects.filter(pk=article.pk).update(
        withdrawn_at=None, withdrawn_reason="", withdrawn_by=None
    )
    article.withdrawn_at, article.withdrawn_reason, article.withdrawn_by = None, "", None
    log(instance=article, action="corrections.reinstate", user=user, data={"reason": reason})
    transaction.on_commit(lambda: search_index.insert_or_update_object(article))
    with translation.override(settings.LANGUAGE_CODE):
        text = _("This story was withdrawn on %(time)s and has been reinstated: %(reason)s") % {
            "time": long_datetime(withdrawn_at),
            "reason": reason,
        }
    # The note's save purges every page that shows the story, and the log.
    return correction_add(article=article, kind=Correction.Kind.PEMBARUAN, text=text, user=user)


def article_verified_note(*, article: ArticlePage, user) -> Correction:
    """Record on the story that it has been verified since it was published unverified."""
    # A note is part of the story: written in the site's language, whoever is signed in.
    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "This story was published awaiting verification. Its facts have since been "
            "verified by the newsroom."
        )
    return correction_add(article=article, kind=Correction.Kind.PEMBARUAN, text=text, user=user)


def article_pages_purge(article: ArticlePage) -> None:
    """Once committed, purge every page showing the story, and the public log (also when the
    story's last note was just deleted and the log no longer shows it)."""
    from kabar.news.invalidation import article_purge
    from kabar.pagecache.purge import localized, paths_purge

    from .selectors import log_paths

    def purge():
        stored = ArticlePage.objects.filter(pk=article.pk).first()
        if stored is not None:  # not when the story itself was deleted
            article_purge(stored)
        paths_purge(localized(log_paths()), listings=localized(log_paths()))

    transaction.on_commit(purge)
