from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        from .cache import create_cache_table

        # Once per migrate (sent for this app only), so the database cache has its table.
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="core-cache-table")

        from django.core import checks

        from .mail import check_delivery_backend

        checks.register(check_delivery_backend)
