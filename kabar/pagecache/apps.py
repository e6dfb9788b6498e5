from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "kabar.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")
