"""Wiring: the notes' admin, the article's buttons, and what news and seo ask of this app."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from kabar.news.models import ArticlePage

from . import admin_views, selectors, services
from .jsonld import corrections_jsonld


@hooks.register("register_admin_viewset")
def register_correction_viewset():
    return admin_views.correction_viewset


@hooks.register("register_admin_urls")
def corrections_admin_urls():
    return [
        path(
            "pencabutan/<id:page_id>/",
            admin_views.article_withdraw_view,
            name="corrections_withdraw",
        ),
        path(
            "pemulihan/<id:page_id>/",
            admin_views.article_reinstate_view,
            name="corrections_reinstate",
        ),
        path(
            "menunggu-verifikasi/",
            admin_views.unverified_list_view,
            name="corrections_unverified",
        ),
    ]


class UnverifiedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("corrections.add_correction")


@hooks.register("register_admin_menu_item")
def unverified_menu_item():
    return UnverifiedMenuItem(
        _("Awaiting verification"),
        reverse("corrections_unverified"),
        icon_name="time",
        order=251,
    )


def article_buttons(page, user):
    if not isinstance(page.specific_deferred, ArticlePage) or not page.live:
        return
    if user.has_perm("corrections.add_correction"):
        yield PageMenuItem(
            _("Add a correction note"),
            reverse("correction_notes:add") + f"?article={page.pk}",
            icon_name="warning",
            priority=62,
            page=page,
        )
        yield PageMenuItem(
            _("Correction notes"),
            reverse("correction_notes:index") + f"?article={page.pk}",
            icon_name="list-ul",
            priority=63,
            page=page,
        )
    if services.user_can_withdraw(user) and not page.specific_deferred.withdrawn_at:
        yield PageMenuItem(
            _("Withdraw"),
            reverse("corrections_withdraw", args=[page.pk]),
            icon_name="cross",
            priority=64,
            page=page,
        )
    elif services.user_can_withdraw(user):
        yield PageMenuItem(
            _("Undo the withdrawal"),
            reverse("corrections_reinstate", args=[page.pk]),
            icon_name="rotate",
            priority=64,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from article_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from article_buttons(page, user)


@hooks.register("article_last_changed")
def article_last_changed(article):
    return selectors.article_last_noted(article)


@hooks.register("article_jsonld")
def article_jsonld(article, data):
    corrections_jsonld(article, data)


@hooks.register("register_log_actions")
def correction_log_actions(actions):
    actions.register_action("corrections.add", _("Add correction note"), _("Correction note added"))
    actions.register_action(
        "corrections.edit", _("Edit correction note"), _("Correction note edited")
    )
    actions.register_action("corrections.withdraw", _("Withdraw article"), _("Article withdrawn"))
    actions.register_action(
        "corrections.reinstate", _("Undo the withdrawal"), _("Withdrawal undone")
    )


@hooks.register("demo_newsroom_loaded")
def demo_corrections():
    from .demo import demo_corrections_load

    demo_corrections_load()


@hooks.register("before_edit_page")
def warn_when_withdrawn(request, page):
    """An editor opening a withdrawn story learns it stays withdrawn whatever they publish."""
    specific = page.specific_deferred
    if request.method == "GET" and getattr(specific, "withdrawn_at", None):
        from django.contrib import messages
        from django.utils.translation import gettext

        messages.warning(
            request,
            gettext(
                "This article has been withdrawn: its address answers 410 Gone with the "
                "reason, and publishing it again does not bring it back. Use “Undo the "
                "withdrawal” in the page's menu for that."
            ),
        )
