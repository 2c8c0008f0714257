from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesMapConfig(AppConfig):
    name = "services_map"
    verbose_name = _("Service directory")

    def ready(self):
        # Imported once the app registry is ready: the receivers import the models.
        from iswg_portal.core import stored_names

        from . import signals
        from .admin.moderation import SHOWN_NAMES

        signals.connect()
        stored_names.translate_names(SHOWN_NAMES)
