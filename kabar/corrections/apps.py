from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "kabar.corrections"
    label = "corrections"
    verbose_name = _("Corrections")

    def ready(self):
        from .signals import signals_connect

        signals_connect()
