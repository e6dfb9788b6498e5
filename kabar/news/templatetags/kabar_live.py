from django import template

from kabar.news.live import live_updates_fragment_path, live_updates_shown

register = template.Library()


@register.inclusion_tag("news/live/coverage.html")
def live_coverage(article):
    """A live-coverage story's key points and updates, newest first, with the address of
    the fragment readers' browsers poll for new ones."""
    updates = live_updates_shown(article)
    return {
        "article": article,
        "updates": updates,
        "key_points": [update for update in updates if update.key_point],
        "fragment_url": live_updates_fragment_path(article),
    }
