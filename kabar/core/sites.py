"""The Wagtail site a request is for: every public view starts from its home page."""

from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Page, Site


def site_get(request) -> Site:
    """The Wagtail site serving this request; a host with no site is a 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404(_("No site is configured for this address."))
    return site


def site_root(request) -> Page:
    """The home page of the site serving this request."""
    return site_get(request).root_page
