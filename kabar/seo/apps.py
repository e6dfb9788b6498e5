from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "kabar.seo"
    label = "seo"
    verbose_name = _("Feeds and search engines")
