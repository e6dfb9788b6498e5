from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "kabar.ingest"
    label = "ingest"
    verbose_name = _("Import and ingest")

    def ready(self):
        from .signals import signals_connect

        signals_connect(app_config=self)
