"""RSS and Atom feeds of the public log: each new note and each withdrawal."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kabar.core.models import SiteSettings

from . import selectors
from .models import Correction

FEED_ITEMS = 50


class CorrectionsFeed(Feed):
    language = "id"

    def get_object(self, request):
        self.request = request
        return SiteSettings.for_request(request)

    def title(self, site_settings):
        return _("Corrections and withdrawals – %(site)s") % {"site": site_settings.site_name}

    def description(self, site_settings):
        return _("Every correction, clarification, right of reply and withdrawal.")

    subtitle = description

    def link(self, site_settings):
        return reverse("corrections:log")

    def items(self, site_settings):
        rows = list(selectors.log_entries()[:FEED_ITEMS])
        return selectors.log_entries_load(rows)

    def item_title(self, item):
        if isinstance(item, Correction):
            return f"{item.get_kind_display()}: {item.article.title}"
        return _("Withdrawn: %(title)s") % {"title": item.title}

    def item_description(self, item):
        if isinstance(item, Correction):
            return f"{item.party}: {item.text}" if item.party else item.text
        return item.withdrawn_reason

    def item_link(self, item):
        if isinstance(item, Correction):
            return f"{item.article.get_url(self.request)}#koreksi-{item.pk}"
        return item.get_url(self.request)

    def item_guid(self, item):
        kind = "koreksi" if isinstance(item, Correction) else "pencabutan"
        return f"{self.request.get_host()}:{kind}:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.localtime(selectors.log_entry_moment(item))

    def item_categories(self, item):
        if isinstance(item, Correction):
            return [item.get_kind_display()]
        return [_("Withdrawal")]


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
