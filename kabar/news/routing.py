"""Finding the page an address asks for in one query instead of one per level.

Wagtail walks the tree from the site's root, a query per path segment and one more for the
specific page: four queries for /section/article/. Each process remembers which page (id and
type) an address led to last time, and fetches just that page, checking that its address is
still the one asked for; a page moved, renamed or deleted is routed the long way again. Only
addresses Wagtail's own walk resolved to exactly that page (no custom `route()` on the way,
no extra path arguments) are remembered.

Building that one query costs more than running it (~1 ms of the ORM for a page type with
fifty columns), so for anonymous readers the page itself is held too, for the purge generation
as fragments are (any change readers could see purges): each request gets its own copy,
unpickled from the bytes read once (~30 us).
"""

import pickle
import threading

from django.http import Http404
from wagtail.url_routing import RouteResult

from kabar.pagecache.fragments import fragment_get_or_build, request_generation

# Addresses one process remembers before it starts again from none (a crawler's scan of
# missing addresses remembers nothing: only pages found are kept).
REMEMBERED_MAX = 20_000

_remembered: dict[str, tuple[type, int]] = {}
_lock = threading.Lock()


def route_remembered(root, request, path_components, walk):
    """The RouteResult for `path_components` under `root`, as `walk(request, components)`
    (Wagtail's route) would give it."""
    if not path_components:
        return walk(request, path_components)
    url_path = f"{root.url_path}{'/'.join(path_components)}/"
    known = _remembered.get(url_path)
    if known is not None:
        model, pk = known
        page = page_read(request, model, pk)
        if page is not None and page.url_path == url_path and page.live:
            return RouteResult(page)
        if page is not None and page.url_path == url_path:
            raise Http404
    result = walk(request, path_components)
    page, args, kwargs = result
    if page.url_path == url_path and not args and not kwargs:
        with _lock:
            if len(_remembered) >= REMEMBERED_MAX:
                _remembered.clear()
            _remembered[url_path] = (type(page), page.pk)
    return result


def page_read(request, model, pk):
    """The page of this type and id, or None; held per process for anonymous readers."""

    def read():
        return model.objects.filter(pk=pk).first()

    # Editors' toolbars show drafts and revisions, which saving a draft changes unpurged.
    if request_generation(request) is None or request.user.is_authenticated:
        return read()
    parts = (model._meta.label_lower, pk)
    held = fragment_get_or_build(
        request, "routed-page", parts, lambda: pickle.dumps(read()), per_address=False
    )
    return pickle.loads(held)


def routes_forget() -> None:
    with _lock:
        _remembered.clear()
