"""Let editors, not only superusers, read what readers search for."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

# Whoever may manage promoted results needs to see the searches they are promoting for.
REPORT_PERMISSION = "wagtailsearchpromotions.change_searchpromotion"


class NewsroomSearchTermsReportView(SearchTermsReportView):
    index_url_name = "kabar_search_terms"
    index_results_url_name = "kabar_search_terms_results"

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's view admits superusers only; skip its check for ours.
        if not request.user.has_perm(REPORT_PERMISSION):
            return permission_denied(request)
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_search_terms_urls():
    view = NewsroomSearchTermsReportView
    return [
        path("laporan/pencarian/", view.as_view(), name="kabar_search_terms"),
        path(
            "laporan/pencarian/results/",
            view.as_view(results_only=True),
            name="kabar_search_terms_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"),
        reverse("kabar_search_terms"),
        name="kabar-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("demo_newsroom_loaded")
def demo_related_stories():
    """The demo's stories show "Berita terkait" on the first visit."""
    from .related import related_rebuild

    related_rebuild()
