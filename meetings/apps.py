from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Thematic groups and meetings")

    def ready(self):
        # The receivers import the models: only once the app registry is ready.
        from iswg_portal.core.page_cache import register_next_change
        from iswg_portal.core.translated_choices import choose_once_per_thing

        from . import signals
        from .models import ThematicGroupPage
        from .queries import next_meeting_moment

        signals.connect()
        # Cached pages expire when a meeting starts or ends (upcoming lists, "now" notes).
        register_next_change(next_meeting_moment)
        # An action point's group: each group once, in the editor's language.
        choose_once_per_thing(ThematicGroupPage)
