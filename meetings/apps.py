from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Thematic groups and meetings")

    def ready(self):
        # The receivers import the models: only once the app registry is ready.
        from . import signals

        signals.connect()
