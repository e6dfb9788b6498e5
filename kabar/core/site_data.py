"""What every page of a site reads, held in each process and refreshed when it changes.

The site a request is for, its settings (name, logo, footer, comment rules, feed settings)
and its menus cost about eight queries on every uncached page, yet change a few times a year.
Each process keeps them per host and language, tagged with the page cache's site token: every
change to them already purges every page (`everything_purge`, which puts a new token in
place), so a token that differs from the one they were read under means "read them again".
Checking costs one read of the page cache, shared by every process (a file, or Redis).
"""

import logging
import threading
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.db.models import prefetch_related_objects
from django.utils import translation
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site

from kabar.core.models import SiteSettings
from kabar.pagecache import fragments, store

logger = logging.getLogger(__name__)

# Distinct (host, port, language) triples held; ALLOWED_HOSTS keeps them few, this bounds it.
HELD_MAX = 64


@dataclass(frozen=True)
class SiteData:
    token: str
    site: Site | None
    # Each site setting model's instance for this site, as `Model.for_request` would give it.
    settings: dict[type, BaseSiteSetting] = field(default_factory=dict)
    # (text, url) pairs of the main menu and the footer's links, live pages only.
    menu_items: list[tuple[str, str]] = field(default_factory=list)
    footer_links: list[tuple[str, str]] = field(default_factory=list)
    # The pages the menus link to, whose publishing or moving changes them.
    linked_page_ids: frozenset[int] = frozenset()


_held: dict[tuple, SiteData] = {}
_lock = threading.Lock()


def link_items(site_settings, related_name: str) -> list:
    """A settings inline's items in their order, with their pages."""
    return list(getattr(site_settings, related_name).select_related("page").order_by("sort_order"))


def links_from(items, request) -> list[tuple[str, str]]:
    """The items as (text, url), leaving out pages that are not live."""
    return [
        (item.text, item.page.get_url(request) if item.page else item.url)
        for item in items
        if item.page is None or item.page.live
    ]


def links_read(site_settings, related_name: str, request) -> list[tuple[str, str]]:
    return links_from(link_items(site_settings, related_name), request)


def site_data_read(request, token: str) -> SiteData:
    site = Site._find_for_request(request)
    if site is None:
        return SiteData(token=token, site=None)
    settings = {}
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            settings[model] = model.for_site(site)
    site_settings = settings.get(SiteSettings)
    if site_settings is None:
        return SiteData(token=token, site=site, settings=settings)
    # Read now, so no template touches the database (or races another thread) for them.
    prefetch_related_objects([site_settings], "social_links", "logo")
    menu = link_items(site_settings, "menu_items")
    footer = link_items(site_settings, "footer_links")
    return SiteData(
        token=token,
        site=site,
        settings=settings,
        menu_items=links_from(menu, request),
        footer_links=links_from(footer, request),
        linked_page_ids=frozenset(item.page_id for item in (*menu, *footer) if item.page_id),
    )


def site_data_get(request) -> SiteData:
    """This request's site data: held when still current, read again after a change."""
    key = (request.get_host(), request.META.get("SERVER_PORT"), translation.get_language())
    token = store.site_token()
    held = _held.get(key)
    if held is not None and held.token == token:
        return held
    data = site_data_read(request, token)
    with _lock:
        if len(_held) >= HELD_MAX:
            _held.clear()
        _held[key] = data
    return data


def site_data_attach(request) -> SiteData | None:
    """Give the request its site and settings where Wagtail looks for them first."""
    try:
        data = site_data_get(request)
    except DatabaseError:
        # The page renders (or fails) as it would without this: Wagtail reads them itself.
        logger.warning("Could not read the site's settings; the request reads them itself.")
        return None
    request._wagtail_site = data.site
    for model, instance in data.settings.items():
        setattr(request, model.get_cache_attr_name(), instance)
    request.site_data = data
    return data


def site_data_forget(**_signal_kwargs) -> None:
    """Drop what this process holds. A change made in this process drops it at once, even
    before its transaction commits and changes the token the other processes check."""
    with _lock:
        _held.clear()


def signals_connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from kabar.core.models import FooterLink, MenuItem, SocialLink

    site_models = [m for m in registry if issubclass(m, BaseSiteSetting)]
    for model in [Site, *site_models, MenuItem, FooterLink, SocialLink]:
        uid = f"kabar-site-data-{model._meta.label_lower}"
        post_save.connect(site_data_forget, sender=model, dispatch_uid=uid)
        post_delete.connect(site_data_forget, sender=model, dispatch_uid=f"{uid}-delete")
    # The menus link to pages: one unpublished or moved leaves them, or changes its address.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(linked_page_changed, dispatch_uid=f"kabar-site-data-{id(signal)}")


def linked_page_changed(sender, instance, **kwargs) -> None:
    # Only pages the menus link to: publishing a story must not cost every page the reread.
    if any(instance.pk in held.linked_page_ids for held in list(_held.values())):
        site_data_forget()


def without_site_data(view):
    """Mark a view that must answer without reading the site (a health check, CSP reports)."""
    view.site_data_skip = True
    return view


class SiteDataMiddleware:
    """Attaches the site data once the view is known, so views marked `without_site_data`
    never touch the database for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "site_data_skip", False):
            # Before the view reads anything, so its fragments never outlive a purge.
            fragments.request_begin(request)
            site_data_attach(request)
