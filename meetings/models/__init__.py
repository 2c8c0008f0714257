from .groups import GroupDocument, GroupFocalPoint, ThematicGroupIndexPage, ThematicGroupPage
from .meetings import (
    MeetingAttendance,
    MeetingDocument,
    MeetingIndexPage,
    MeetingPage,
    agenda_item,
)
from .records import (
    ActionPoint,
    ActionPointNote,
    ActionPointReminder,
    CalendarEntry,
    CalendarFeedToken,
    GroupSubscription,
    MeetingEmail,
    MeetingNotification,
    MeetingResponse,
    MinutesAdoption,
)
from .reminders import MeetingRecordReminder

__all__ = [
    "ActionPoint",
    "ActionPointNote",
    "ActionPointReminder",
    "CalendarEntry",
    "CalendarFeedToken",
    "GroupDocument",
    "GroupFocalPoint",
    "GroupSubscription",
    "MeetingAttendance",
    "MeetingDocument",
    "MeetingIndexPage",
    "MeetingEmail",
    "MeetingNotification",
    "MeetingResponse",
    "MeetingPage",
    "MeetingRecordReminder",
    "MinutesAdoption",
    "ThematicGroupIndexPage",
    "ThematicGroupPage",
    "agenda_item",
]
