"""Assignments: an editor's planned story becomes the reporter's draft in one click."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from kabar.news.models import ArticleAuthor, ArticlePage, Author, SectionPage

from .models import Assignment


def user_is_desk_editor(user) -> bool:
    """Whoever may publish stories plans them: editors, the editor-in-chief, administrators."""
    # Asked once per listed row: remembered on the request's user object.
    known = getattr(user, "_kabar_desk_editor", None)
    if known is None:
        known = bool(
            user.is_active
            and (
                user.has_perm("planning.change_assignment")
                or PagePermissionPolicy().user_has_permission(user, "publish")
            )
        )
        user._kabar_desk_editor = known
    return known


def article_slug_free(*, section: SectionPage, title: str) -> str:
    """A slug for a new story in the section that no sibling uses yet."""
    base = slugify(title)[:70].strip("-") or "berita"
    slug, n = base, 2
    taken = set(section.get_children().values_list("slug", flat=True))
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def assignment_draft_create(*, assignment: Assignment, user) -> ArticlePage:
    """The reporter's draft for the assignment, in its section, titled and credited, owned by
    the reporter; made once, then the same draft is returned."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.article_id:
        return assignment.article.specific
    if user.pk != assignment.reporter_id and not user_is_desk_editor(user):
        raise PermissionDenied
    if assignment.status == Assignment.Status.CANCELLED:
        raise ValidationError(_("This assignment has been cancelled."))
    if assignment.reporter is None or assignment.section is None:
        raise ValidationError(_("Choose the assignment's reporter and section first."))
    section = assignment.section.specific
    article = ArticlePage(
        title=assignment.title,
        slug=article_slug_free(section=section, title=assignment.title),
        summary="",
        body=[],
        live=False,
        owner=assignment.reporter,
    )
    profile = Author.objects.filter(user=assignment.reporter).first()
    if profile is not None:
        article.authorships = [ArticleAuthor(author=profile, role=ArticleAuthor.Role.WRITER)]
    section.add_child(instance=article)
    log(instance=article, action="wagtail.create", user=user)
    article.save_revision(user=user, log_action=True)
    assignment.article = article
    assignment.status = Assignment.Status.DRAFTED
    assignment.save(update_fields=["article", "status", "updated_at"])
    return article
