"""Wiring: the admin listings, the article's alert button, and the demo's subscribers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from kabar.news.models import ArticlePage

from . import admin_views


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return admin_views.subscriber_viewset


@hooks.register("register_admin_viewset")
def register_send_viewset():
    return admin_views.send_viewset


@hooks.register("register_admin_urls")
def newsletters_admin_urls():
    return [
        path(
            "buletin/peringatan/<id:page_id>/",
            admin_views.breaking_alert_view,
            name="newsletters_breaking_alert",
        )
    ]


def alert_button(page, user):
    specific = page.specific_deferred
    if not isinstance(specific, ArticlePage) or not page.live:
        return
    if admin_views.user_can_alert(user, page):
        yield PageMenuItem(
            _("Kirim peringatan berita terkini"),
            reverse("newsletters_breaking_alert", args=[page.pk]),
            icon_name="mail",
            priority=65,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from alert_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from alert_button(page, user)


@hooks.register("demo_newsroom_loaded")
def demo_newsletters():
    from .demo import demo_newsletters_load

    demo_newsletters_load()
