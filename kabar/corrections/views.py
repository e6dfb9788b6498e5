"""The public log of corrections and withdrawals, and its feeds."""

from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kabar.pagecache.headers import public_page

from . import selectors

PER_PAGE = 20


@public_page
def correction_log(request):
    kind = request.GET.get("jenis", "")
    kinds = selectors.log_kinds()
    if kind and kind not in dict(kinds):
        raise Http404(_("There is no such kind of note."))
    raw = request.GET.get("page", "1")
    if not raw.isdigit():
        raise Http404(_("The page number must be a whole number."))
    paginator = Paginator(selectors.log_entries(kind=kind), PER_PAGE)
    try:
        page = paginator.page(int(raw))
    except (EmptyPage, InvalidPage) as exc:
        raise Http404(_("There is no such page in this listing.")) from exc
    page.object_list = selectors.log_entries_load(page.object_list)
    return render(
        request,
        "corrections/log.html",
        {"entries": page, "kinds": kinds, "kind": kind, "kind_label": dict(kinds).get(kind, "")},
    )
