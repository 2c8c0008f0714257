"""What the portal asked of a group's leads about a meeting, so that it asks once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingRecordReminder(models.Model):
    """The e-mail asking a group's leads to mark an ended meeting held and add its minutes."""

    meeting_key = models.UUIDField(_("meeting"), unique=True, help_text=_("translation key"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("reminder to record a meeting")
        verbose_name_plural = _("reminders to record a meeting")

    def __str__(self):
        return f"{self.meeting_key} {self.sent_at:%Y-%m-%d}"
