"""The breaking-news banner: shown on every page from the site data each process holds,
purged everywhere when it is switched on, changed or off, and gone by itself at its expiry.

Every process checks the expiry as it renders (so no process shows an expired banner, whatever
it holds), the pages showing it are kept by shared caches no longer than the expiry
(`fresh_until_limit`), and the scheduler switches it off and purges every page once it has
expired (`breaking_news_expire`), for the CDN and the admin's sake.
"""

from django.utils import timezone

from kabar.pagecache.headers import fresh_until_limit
from kabar.pagecache.purge import everything_purge

from .models import BreakingNews


def breaking_news_for_request(request, *, now=None) -> BreakingNews | None:
    """The banner this request's page shows, if any; the page's freshness ends at its expiry."""
    banner = BreakingNews.for_request(request)
    if banner is None or not banner.is_shown(now=now):
        return None
    fresh_until_limit(request, banner.expires_at.timestamp())
    return banner


def breaking_news_expire(*, now=None) -> list[BreakingNews]:
    """Switch off every banner past its expiry; saving each one purges every page."""
    now = now or timezone.now()
    expired = list(BreakingNews.objects.filter(is_on=True, expires_at__lte=now))
    for banner in expired:
        banner.is_on = False
        banner.save(update_fields=["is_on"])
    return expired


def breaking_article_unpublished(sender, instance, **kwargs) -> None:
    """An unpublished article leaves the banner of every page at once."""
    if BreakingNews.objects.filter(is_on=True, article_id=instance.pk).exists():
        everything_purge()


def breaking_news_saved(sender, instance, created, **kwargs) -> None:
    """Every page shows the banner: purge them all, except when the first page a site renders
    makes its (switched off) record, which changes nothing."""
    if created and not instance.is_on:
        return
    everything_purge()
