"""A WordPress navigation menu (`nav_menu_item` posts) → the site settings' navigation menu."""

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect

from kabar.core.models import MenuItem, SiteSettings
from kabar.ingest.wxr.parse import WxrItem, WxrTerm
from kabar.ingest.wxr.permalinks import site_relative

from .run import ImportRun, checksum_of

LABEL_LENGTH = MenuItem._meta.get_field("label").max_length


def menu_items_flatten(items: list[WxrItem]) -> list[tuple[WxrItem, WxrItem | None]]:
    """(item, parent) in menu order, each parent before its children: the site menu has one
    level, so a submenu follows the item it hung from."""
    by_id = {item.id: item for item in items}
    children: dict[int, list[WxrItem]] = defaultdict(list)
    for item in items:
        parent_id = _int(item.meta.get("_menu_item_menu_item_parent"))
        children[parent_id if parent_id in by_id else 0].append(item)
    ordered: list[tuple[WxrItem, WxrItem | None]] = []

    def visit(parent_id: int, seen: frozenset) -> None:
        for item in sorted(children.get(parent_id, []), key=lambda i: (i.menu_order, i.id)):
            if item.id not in seen:
                ordered.append((item, by_id.get(parent_id)))
                visit(item.id, seen | {item.id})

    visit(0, frozenset())
    return ordered


def menu_choose(
    *, run: ImportRun, items: list[WxrItem], menus: dict[str, WxrTerm]
) -> tuple[str, list[WxrItem]]:
    """The menu to import (the one with the most items; the first of equals) and its items."""
    by_menu: dict[str, list[WxrItem]] = defaultdict(list)
    names: dict[str, str] = {slug: term.name for slug, term in menus.items()}
    for item in items:
        term = next((t for t in item.terms if t.taxonomy == "nav_menu"), None)
        if term is not None:
            by_menu[term.slug].append(item)
            names.setdefault(term.slug, term.name or term.slug)
    if not by_menu:
        return "", []
    chosen = max(by_menu, key=lambda slug: len(by_menu[slug]))  # max keeps the first of equals
    if len(by_menu) > 1:
        run.summary.warn(
            "nav_menu",
            _(
                "The export has %(count)d menus; the one with the most items, “%(name)s”, "
                "became the site menu."
            )
            % {"count": len(by_menu), "name": names[chosen]},
        )
        for slug, others in by_menu.items():
            if slug != chosen:
                for item in others:
                    run.summary.skip(
                        "nav_menu_item",
                        item.label,
                        _("It belongs to the menu “%(name)s”, which was not imported.")
                        % {"name": names[slug]},
                    )
    return names[chosen], by_menu[chosen]


def menu_import(
    *,
    run: ImportRun,
    items: list[WxrItem],
    menus: dict[str, WxrTerm],
    category_slugs: dict[int, str],
) -> None:
    """The chosen WordPress menu's items, appended to the site menu; a re-run updates them."""
    if not items:
        return
    _name, chosen = menu_choose(run=run, items=items, menus=menus)
    site_settings = SiteSettings.for_site(run.site)
    orders = site_settings.menu_items.exclude(sort_order=None).values_list("sort_order", flat=True)
    order = max(orders, default=-1) + 1
    for item, parent in menu_items_flatten(chosen):
        if item.status != "publish":
            run.summary.skip(
                "nav_menu_item",
                item.label,
                _("Only published menu items are imported, not drafts."),
            )
            continue
        page, url, problem = menu_item_target(run=run, item=item, category_slugs=category_slugs)
        if problem:
            run.summary.skip("nav_menu_item", item.label, problem)
            continue
        if parent is not None:
            run.summary.warn(
                item.label,
                _("It was in a submenu; the site menu has one level, so it follows its parent.")
                if parent.status == "publish"
                else _("Its parent menu item was not imported; it stands on its own."),
            )
        menu_item_upsert(
            run=run, site_settings=site_settings, item=item, page=page, url=url, order=order
        )
        order += 1


def menu_item_target(*, run: ImportRun, item: WxrItem, category_slugs: dict[int, str]):
    """(page, url, problem): what the menu item leads to, or why it cannot be imported."""
    kind = item.meta.get("_menu_item_type", "")
    obj = item.meta.get("_menu_item_object", "")
    object_id = _int(item.meta.get("_menu_item_object_id"))
    if kind == "taxonomy" and obj == "category":
        slug = category_slugs.get(object_id)
        section = run.target("category", slug) if slug else None
        if section is None:
            return None, "", _("Its category %(id)s was not imported.") % {"id": object_id}
        return section, "", ""
    if kind == "taxonomy" and obj == "post_tag":
        return None, "", _("Menu items for tags are not imported.")
    if kind == "post_type" and obj in ("post", "page"):
        page = run.target(obj, object_id)
        if page is None:
            return (
                None,
                "",
                _("The %(kind)s %(id)s it leads to was not imported.")
                % {
                    "kind": obj,
                    "id": object_id,
                },
            )
        return page, "", ""
    if kind == "custom":
        return custom_link_target(run=run, url=item.meta.get("_menu_item_url", "").strip())
    return None, "", _("Menu items of the type “%(type)s” are not imported.") % {"type": kind}


def custom_link_target(*, run: ImportRun, url: str):
    """A link to the old site leads to what its address became here; others stay as they are."""
    if not url:
        return None, "", _("The custom link has no address.")
    path = site_relative(url, run.site_url)
    if not path.startswith("/"):
        return None, url, ""  # another site
    if path.split("?")[0].split("#")[0] in ("", "/"):
        return run.home, "", ""
    redirect = Redirect.objects.filter(
        site=run.site, old_path=Redirect.normalise_path(path)
    ).first()
    if redirect is not None and redirect.redirect_page_id:
        return redirect.redirect_page, "", ""
    if redirect is not None and redirect.redirect_link.startswith(("http://", "https://")):
        return None, redirect.redirect_link, ""
    # An address on the old site that nothing here answers to: a dead link, not imported.
    return None, "", _("Nothing imported lives at %(path)s.") % {"path": path}


def menu_item_upsert(
    *, run: ImportRun, site_settings: SiteSettings, item: WxrItem, page, url: str, order: int
) -> None:
    label = item.title.strip()[:LABEL_LENGTH]
    checksum = checksum_of(item, page.pk if page else None, url)
    record = run.record("nav_menu_item", item.id)
    existing = record.target if record else None
    if existing is not None and record.checksum == checksum:
        run.summary.count("nav_menu_item", "unchanged")
        return
    if existing is None and page is not None and site_settings.menu_items.filter(page=page):
        # The newsroom's menu leads there already.
        run.summary.count("nav_menu_item", "unchanged")
        return
    with transaction.atomic():
        menu_item = existing or MenuItem(settings=site_settings, sort_order=order)
        menu_item.page, menu_item.url, menu_item.label = page, url, label
        menu_item.save()
        run.remember("nav_menu_item", item.id, menu_item, checksum=checksum)
    run.summary.count("nav_menu_item", "updated" if existing else "created")


def _int(value) -> int:
    try:
        return int(str(value or "").strip())
    except ValueError:
        return 0
