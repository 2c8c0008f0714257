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


class SentEmailsPanel(Panel):
    """Every e-mail sent about the meeting in any language: what, when, by whose publication,
    to whom in which language, and whether it was delivered."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/admin/sent_emails_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from meetings.models import MeetingEmail, MeetingNotification

            context = super().get_context_data(parent_context)
            notifications = list(
                MeetingNotification.objects.filter(meeting_key=self.instance.translation_key)
                .select_related("sent_by")
                .prefetch_related("emails")
                .order_by("-created_at", "-pk")
            )
            for notification in notifications:
                states = [email.state for email in notification.emails.all()]
                notification.delivered = states.count(MeetingEmail.State.DELIVERED)
                notification.failed = states.count(MeetingEmail.State.FAILED)
                notification.waiting = len(states) - notification.delivered - notification.failed
            context["notifications"] = notifications
            return context
