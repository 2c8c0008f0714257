from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "iswg_portal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Registered before any URLconf (the admin's hooks included) is imported.
        from django.urls import register_converter

        from .converters import BoundedIdConverter

        register_converter(BoundedIdConverter, "id")
