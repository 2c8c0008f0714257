"""Panels of the meeting editor that are not fields: "Create the next meeting" in plain sight."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class NextMeetingPanel(Panel):
    """At the top of a saved meeting's editor, for those who may add meetings to its group: the
    group's next meeting when there is one, else the button that creates it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/admin/next_meeting_panel.html"

        def is_shown(self):
            # The models import this module: importing these at the top would be a cycle.
            from meetings.access import may_create_next_meeting

            return (
                self.instance.pk is not None
                and self.request is not None
                and may_create_next_meeting(self.request.user, self.instance)
            )

        def get_context_data(self, parent_context=None):
            from meetings.scheduling import existing_next_meeting

            context = super().get_context_data(parent_context)
            context["next_meeting"] = existing_next_meeting(self.instance)
            context["create_url"] = reverse("meetings_next_meeting", args=[self.instance.pk])
            return context
