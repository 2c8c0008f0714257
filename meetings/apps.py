from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Thematic groups and meetings")

    def ready(self):
        # The receivers import the models: only once the app registry is ready.
        from iswg_portal.core.translated_choices import choose_once_per_thing

        from . import signals
        from .models import ThematicGroupPage

        signals.connect()
        # An action point's group: each group once, in the editor's language.
        choose_once_per_thing(ThematicGroupPage)
