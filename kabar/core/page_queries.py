"""Which pages are private (a view restriction on them or above), read cheaply.

`PageQuerySet.public()` reads every view restriction with its page joined. With few or no
restrictions SQLite chooses to scan every page and probe the restrictions for each: 35 ms per
call at 100,000 articles, and a listing calls it several times. Reading the restricted page ids
first (a tiny table) and then those pages by primary key gives the same filter in two index
lookups, on every database.

Serving a page asks the same question (Wagtail's check before serving, and `BasePage.serve`
for its cache headers): two queries whose building costs more than a cached page's whole
answer. Newsrooms restrict a handful of pages or none, so each process holds the restricted
pages' tree paths for the purge generation (`fragments.process_held`); adding, changing or
removing a restriction purges every page (`restrictions_changed`), since it hides a whole
branch of the tree.
"""

from django.db.models import Q

from kabar.pagecache import fragments
from kabar.pagecache.purge import everything_purge

HELD_NAME = "restricted-page-paths"


def restricted_paths_read() -> frozenset[str]:
    from wagtail.models import Page, PageViewRestriction

    restricted = list(PageViewRestriction.objects.values_list("page_id", flat=True).distinct())
    if not restricted:
        return frozenset()
    return frozenset(Page.objects.filter(pk__in=restricted).values_list("path", flat=True))


def restricted_paths() -> frozenset[str]:
    """The tree paths of the pages that carry a view restriction."""
    return fragments.process_held(
        HELD_NAME, restricted_paths_read, size=lambda paths: 64 + sum(map(len, paths))
    )


def is_restricted(path: str) -> bool:
    """Whether the page at this tree path, or a page above it, carries a view restriction."""
    return any(path.startswith(restricted) for restricted in restricted_paths())


def private_q(self):
    q = Q()
    for path in restricted_paths():
        # Wagtail's descendant_of_q(page, inclusive=True), from the path alone.
        q |= Q(path__startswith=path, depth__gte=len(path) // self.model.steplen)
    # Matches nothing when no section is private, as Wagtail's does.
    return q if q else Q(pk__in=[])


def restrictions_changed(**_signal_kwargs) -> None:
    # This process forgets at once, even before the transaction commits; the purge tells all.
    fragments.process_held_forget(HELD_NAME)
    everything_purge()


def install() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
    for signal in (post_save, post_delete):
        uid = f"kabar-restrictions-{id(signal)}"
        signal.connect(restrictions_changed, sender=PageViewRestriction, dispatch_uid=uid)
