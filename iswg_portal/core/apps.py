from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from .cache import create_cache_table
from .converters import BoundedIdConverter
from .mail import check_delivery_backend


class CoreConfig(AppConfig):
    name = "iswg_portal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Registered before any URLconf (the admin's hooks included) is imported.
        register_converter(BoundedIdConverter, "id")
        # Once per migrate (sent for this app only), so the database cache has its table.
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="core-cache-table")
        checks.register(check_delivery_backend)
        # Imported here: they read Wagtail's models, loaded only once the registry is ready.
        from . import choosers, content_version, page_cache, stored_names

        content_version.connect()
        stored_names.connect()
        content_version.connect()
        page_cache.connect()
        choosers.use_page_choosers_in_request_language()
