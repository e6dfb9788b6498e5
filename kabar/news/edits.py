"""Changes the desk makes to many stories at once from the admin's page listings (bulk
actions): each goes through a new revision, like an edit in the page editor, so the history
says who changed what, and nothing goes live that the person could not have published."""

from collections.abc import Callable, Iterable

from wagtail.models import Revision

from .models import ArticlePage


def article_revise(
    *, article: ArticlePage, user, change: Callable[[ArticlePage], None]
) -> Revision:
    """Apply `change` to the story's latest draft and save that as a new revision.

    The revision is published only when the story is live with no other change waiting (so
    a pending draft never goes out with it) and the user may publish it; otherwise it stays a
    draft for the usual review.
    """
    publish = (
        article.live
        and not article.has_unpublished_changes
        and article.permissions_for_user(user).can_publish()
    )
    draft = article.get_latest_revision_as_object()
    change(draft)
    revision = draft.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return revision


def articles_tags_add(*, articles: Iterable[ArticlePage], names: list[str], user) -> int:
    """Tag each story with `names` (an existing tag, in any case, is reused); return how many
    stories changed."""
    changed = 0
    for article in articles:
        have = {tag.name.lower() for tag in article.get_latest_revision_as_object().tags.all()}
        missing = [name for name in names if name.lower() not in have]
        if missing:
            article_revise(article=article, user=user, change=lambda d, m=missing: d.tags.add(*m))
            changed += 1
    return changed


def articles_tags_remove(*, articles: Iterable[ArticlePage], names: list[str], user) -> int:
    """Take the tags named `names` (in any case) off each story; return how many changed."""
    wanted = {name.lower() for name in names}

    def remove(draft: ArticlePage) -> None:
        # modelcluster's manager removes by exact name, so name them as the story has them.
        draft.tags.remove(*[tag.name for tag in draft.tags.all() if tag.name.lower() in wanted])

    changed = 0
    for article in articles:
        tags = article.get_latest_revision_as_object().tags.all()
        if any(tag.name.lower() in wanted for tag in tags):
            article_revise(article=article, user=user, change=remove)
            changed += 1
    return changed
