from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesMapConfig(AppConfig):
    name = "services_map"
    verbose_name = _("Service directory")

    def ready(self):
        from . import signals

        signals.connect()
