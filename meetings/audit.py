"""Audit log actions of action points, written to Wagtail's log and shown in each point's
history: raised by the minutes, changed (field by field), a progress note, the agency e-mailed."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from meetings.models import ActionPoint

RAISED = "iswg.action_point.raise"
CHANGED = "iswg.action_point.change"
NOTE_ADDED = "iswg.action_point.note"
AGENCY_NOTIFIED = "iswg.action_point.notify"


class RaisedFormatter(LogFormatter):
    """Names the meeting whose minutes raised the action point."""

    label = _("Action point: raised by the minutes")

    def format_message(self, log_entry):
        return _("Raised by the minutes of “%(meeting)s”.") % {
            "meeting": log_entry.data.get("meeting", "")
        }


def shown_value(field, value):
    """A logged value as a person reads it: a status by its label, nothing as a dash."""
    if field == "status" and value:
        return ActionPoint.Status(value).label
    return value or "–"


class ChangedFormatter(LogFormatter):
    """Says which fields changed, from what to what."""

    label = _("Action point: changed")

    def format_message(self, log_entry):
        return "; ".join(
            _("%(field)s: %(old)s → %(new)s")
            % {
                "field": ActionPoint._meta.get_field(change["field"]).verbose_name,
                "old": shown_value(change["field"], change["old"]),
                "new": shown_value(change["field"], change["new"]),
            }
            for change in log_entry.data.get("changes", [])
        )


class NoteAddedFormatter(LogFormatter):
    """A progress note, with its text."""

    label = _("Action point: progress note")

    def format_message(self, log_entry):
        return log_entry.data.get("text", "")


class AgencyNotifiedFormatter(LogFormatter):
    """The responsible agency was e-mailed the assignment."""

    label = _("Action point: agency e-mailed")

    def format_message(self, log_entry):
        return _("Assignment e-mailed to %(agency)s (recipients: %(count)s).") % {
            "agency": log_entry.data.get("agency", ""),
            "count": log_entry.data.get("recipients", 0),
        }


def register_action_point_log_actions(actions):
    """Register the action point actions with Wagtail's log registry (from wagtail_hooks)."""
    actions.register_action(RAISED)(RaisedFormatter)
    actions.register_action(CHANGED)(ChangedFormatter)
    actions.register_action(NOTE_ADDED)(NoteAddedFormatter)
    actions.register_action(AGENCY_NOTIFIED)(AgencyNotifiedFormatter)
