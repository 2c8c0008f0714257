from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Thematic groups and meetings")

    def ready(self):
        from wagtail.signals import page_published

        from meetings.models import MeetingPage
        from meetings.publishing import on_meeting_published

        page_published.connect(
            on_meeting_published, sender=MeetingPage, dispatch_uid="meetings_on_published"
        )
