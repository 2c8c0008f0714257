from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesMapConfig(AppConfig):
    name = "services_map"
    verbose_name = _("Service directory")

    def ready(self):
        # Imported once the app registry is ready: the receivers import the models.
        from iswg_portal.core import stored_names
        from iswg_portal.core.page_cache import register_next_change
        from iswg_portal.core.translated_choices import choose_once_per_thing
        from iswg_portal.core.views import register_offline_start_page

        from . import signals
        from .admin.moderation import SHOWN_NAMES
        from .models import AgencyPage
        from .opening_moments import next_opening_change
        from .queries import directory_path

        signals.connect()
        # Cached pages expire when a service opens or closes ("open now").
        register_next_change(next_opening_change)
        stored_names.translate_names(SHOWN_NAMES)
        # Lead agencies, members, focal points, attendance, responsible agencies: each agency
        # once, in the editor's language, whatever form asks for one.
        choose_once_per_thing(AgencyPage)
        # The directory's first page is kept offline from the service worker's install on.
        register_offline_start_page(directory_path, _("Find a service"))
