"""The wire desk in the admin: the queue, an item's preview, taking and ignoring items."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .desk_forms import DeskFilterForm, TakeForm
from .models import WireItem
from .selectors import DeskFilters, wire_desk_page, wire_item_similar
from .services.wire import wire_item_take

DESK_PERMISSION = "ingest.use_wire_desk"
PER_PAGE = 50


def _check_permission(request) -> None:
    if not request.user.has_perm(DESK_PERMISSION):
        raise PermissionDenied


def desk_index(request):
    _check_permission(request)
    form = DeskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = DeskFilters(
        source=data["source"].pk if data.get("source") else None,
        status=data.get("status") or "",
        section=data["section"].pk if data.get("section") else None,
        query=data.get("q") or "",
    )
    page, counts = wire_desk_page(filters=filters, number=request.GET.get("p"), per_page=PER_PAGE)
    query = request.GET.copy()
    query.pop("p", None)
    status_links = []
    for value, label in WireItem.Status.choices:
        link = query.copy()
        link["status"] = value
        status_links.append((value, label, counts[value], link.urlencode()))
    return TemplateResponse(
        request,
        "ingest/wire_desk.html",
        {
            "form": form,
            "page": page,
            "status_links": status_links,
            "current_status": filters.status,
            "query": filters.query,
            "query_string": query.urlencode(),
        },
    )


def desk_item(request, pk: int):
    _check_permission(request)
    item = get_object_or_404(WireItem.objects.select_related("source", "article"), pk=pk)
    form = TakeForm(initial={"section": item.source.section_id})
    return TemplateResponse(
        request,
        "ingest/wire_item.html",
        {"item": item, "similar": wire_item_similar(item=item), "take_form": form},
    )


@require_POST
def desk_take(request, pk: int):
    _check_permission(request)
    item = get_object_or_404(WireItem.objects.select_related("source", "article"), pk=pk)
    if item.article is not None:
        return redirect("wagtailadmin_pages:edit", item.article.pk)
    if item.killed:
        messages.error(request, _("The agency has withdrawn this story; it cannot be taken."))
        return redirect("ingest_wire:item", item.pk)
    form = TakeForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "ingest/wire_item.html",
            {"item": item, "similar": wire_item_similar(item=item), "take_form": form},
            status=400,
        )
    section = form.cleaned_data["section"]
    if not section.permissions_for_user(request.user).can_add_subpage():
        form.add_error("section", _("You may not add articles to this section."))
        return TemplateResponse(
            request,
            "ingest/wire_item.html",
            {"item": item, "similar": wire_item_similar(item=item), "take_form": form},
            status=403,
        )
    article = wire_item_take(item=item, user=request.user, section=section)
    messages.success(
        request, _("The draft article “%(title)s” was made.") % {"title": article.title}
    )
    return redirect("wagtailadmin_pages:edit", article.pk)


@require_POST
def desk_ignore(request, pk: int):
    _check_permission(request)
    item = get_object_or_404(WireItem, pk=pk)
    new_status = (
        WireItem.Status.NEW if item.status == WireItem.Status.IGNORED else WireItem.Status.IGNORED
    )
    if item.status != WireItem.Status.TAKEN:
        item.status = new_status
        item.save(update_fields=["status", "changed_at"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("ingest_wire:index")
    return redirect(target)
