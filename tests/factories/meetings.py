"""Builders for groups, meetings and agencies: real pages, published through real revisions."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from iswg_portal.core.indexing import index_once
from meetings.models import (
    MeetingIndexPage,
    MeetingPage,
    ThematicGroupIndexPage,
    ThematicGroupPage,
    agenda_item,
)
from services_map.models import AgencyPage, ServiceDirectoryPage

ISTANBUL = ZoneInfo("Europe/Istanbul")
_numbers = itertools.count(1)


@index_once()
def publish(page, user=None):
    """Save a revision of the page and publish it, as the admin's Publish button does."""
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


@index_once()
def translate(page, locale_code, **fields):
    """Publish a copy of the page in another language, with its parents, and these fields."""
    from wagtail.models import Locale

    translation = page.copy_for_translation(
        Locale.objects.get(language_code=locale_code), copy_parents=True
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


def istanbul(year, month, day, hour=10, minute=0):
    """An aware datetime at Istanbul wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=ISTANBUL)


@index_once()
def directory(home):
    """The service directory page (slug `services`) under the home page."""
    existing = ServiceDirectoryPage.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=ServiceDirectoryPage(title="Services", slug="services"))
    return publish(page)


@index_once()
def make_agency(home, acronym=None, **fields):
    """A published agency page in the directory."""
    number = next(_numbers)
    acronym = acronym or f"AG{number}"
    fields.setdefault("title", f"Agency {acronym}")
    fields.setdefault("slug", f"{acronym.lower()}-{number}")
    fields.setdefault("agency_type", AgencyPage.AgencyType.NGO)
    page = directory(home).add_child(instance=AgencyPage(acronym=acronym, **fields))
    return publish(page)


@index_once()
def groups_index(home):
    """The thematic groups index (/<lang>/groups/) under the home page."""
    existing = ThematicGroupIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=ThematicGroupIndexPage(title="Thematic groups", slug="groups"))
    return publish(page)


@index_once()
def meetings_index(home):
    """The meetings calendar (/<lang>/meetings/) under the home page."""
    existing = MeetingIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=MeetingIndexPage(title="Meetings", slug="meetings"))
    return publish(page)


@index_once()
def make_group(home, title=None, focal_points=(), members=(), **fields):
    """A published thematic group; focal_points are dicts of GroupFocalPoint fields."""
    from meetings.models import GroupFocalPoint

    number = next(_numbers)
    title = title or f"Group {number}"
    fields.setdefault("slug", f"group-{number}")
    fields.setdefault("sector", ThematicGroupPage.Sector.PROTECTION)
    group = ThematicGroupPage(title=title, **fields)
    group.focal_points = [GroupFocalPoint(**values) for values in focal_points]
    group.member_agencies = list(members)
    groups_index(home).add_child(instance=group)
    return publish(group)


@index_once()
def make_meeting(group, start=None, agenda=(), publish_now=True, user=None, **fields):
    """A meeting of the group; `agenda` is a list of agenda_item() keyword dicts."""
    number = next(_numbers)
    start = start or istanbul(2031, 1, 8)
    fields.setdefault("title", f"Meeting {number}")
    fields.setdefault("slug", f"meeting-{number}")
    fields.setdefault("end", start + timedelta(hours=2))
    fields.setdefault("place", "UNHCR İzmir office")
    meeting = MeetingPage(
        start=start, agenda=[("item", agenda_item(**item)) for item in agenda], live=False, **fields
    )
    group.add_child(instance=meeting)
    if publish_now:
        publish(meeting, user)
    return meeting


def set_agenda(meeting, items):
    """Replace the meeting's agenda and minutes with these agenda_item() keyword dicts."""
    meeting.agenda = [("item", agenda_item(**item)) for item in items]
    return meeting


def action_point_admin_form(point, **changes):
    """The admin edit form of an action point as a browser sends it, with these changes."""
    data = {
        "text": point.text,
        "responsible_agency": point.responsible_agency_id or "",
        "due_date": point.due_date.isoformat() if point.due_date else "",
        "status": point.status,
        "group": point.group_id,
        "raised_at": point.raised_at_id,
        "closed_at": point.closed_at_id or "",
    }
    data.update(changes)
    return data
