"""Sticky posts become the home page's top stories."""

from django.utils.translation import gettext as _

from kabar.news.models import HomeTopStory

from .run import ImportRun

MAX_TOP_STORIES = 6


def sticky_apply(*, run: ImportRun) -> None:
    """Add the live sticky posts to the home page's top stories, newest sticky first."""
    articles = [run.target("post", wp_id) for wp_id in run.sticky]
    articles = [a.specific for a in articles if a is not None and a.live]
    if not articles:
        return
    current = type(run.home).objects.get(pk=run.home.pk)
    publishable = current.live and not current.has_unpublished_changes
    home = current.get_latest_revision_as_object()
    present = {story.article_id for story in home.top_stories.all()}
    new = [a for a in articles if a.pk not in present]
    if not new:
        return
    new.sort(key=lambda a: a.first_published_at or a.latest_revision_created_at, reverse=True)
    stories = [HomeTopStory(article=a) for a in new] + list(home.top_stories.all())
    if len(stories) > MAX_TOP_STORIES:
        run.summary.warn(
            "home",
            _("Only the first %(n)d sticky posts became top stories.") % {"n": MAX_TOP_STORIES},
        )
    home.top_stories = stories[:MAX_TOP_STORIES]
    revision = home.save_revision(log_action=False, clean=False)
    if publishable:
        revision.publish(log_action=False, skip_permission_checks=True)
    else:
        run.summary.warn(
            "home",
            _(
                "The top stories were saved as a draft of the home page, "
                "which has unpublished changes."
            ),
        )
    for _article in new[:MAX_TOP_STORIES]:
        run.summary.count("sticky", "top story")
