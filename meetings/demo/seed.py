"""Demo groups and meetings: seed_meetings() builds them once and leaves them alone after."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from iswg_portal.core.indexing import index_once
from iswg_portal.core.locales import site_home_page, translate_page
from iswg_portal.core.time import local_moment
from meetings.models import (
    ActionPoint,
    GroupFocalPoint,
    MeetingAttendance,
    MeetingIndexPage,
    MeetingPage,
    ThematicGroupIndexPage,
    ThematicGroupPage,
    agenda_item,
)
from meetings.publishing import notifications_recorded_not_sent
from meetings.scheduling import next_regular_start
from services_map.models import AgencyPage, ServiceDirectoryPage

from . import education, iswg, protection
from .common import AGENCIES, INDEX_TITLES, STANDARD_OPENING

GROUPS = [iswg.GROUP, protection.GROUP, education.GROUP]

FUTURE_MEETINGS_PER_GROUP = 2


def publish(page):
    """Publish the page through a revision, as an editor would."""
    page.save_revision().publish()
    return page


def child_by_slug(parent, model, slug):
    """The parent's child page of that type and slug, if there is one."""
    return model.objects.child_of(parent).filter(slug=slug).first()


def ensure_directory(home):
    """The service directory page (slug `services`) that agencies live under."""
    directory = child_by_slug(home, ServiceDirectoryPage, "services")
    if directory is None:
        directory = home.add_child(
            instance=ServiceDirectoryPage(title="Services", slug="services", locale=home.locale)
        )
        publish(directory)
    return directory


def ensure_agencies(home):
    """The agencies the groups need, found or created by slug; return them by slug."""
    directory = ensure_directory(home)
    agencies = {}
    for slug, title, acronym, agency_type, website in AGENCIES:
        agency = AgencyPage.objects.filter(slug=slug, locale=home.locale).first()
        if agency is None:
            agency = directory.add_child(
                instance=AgencyPage(
                    title=title,
                    slug=slug,
                    acronym=acronym,
                    agency_type=agency_type,
                    website=website,
                    locale=home.locale,
                )
            )
            publish(agency)
        agencies[slug] = agency
    return agencies


def ensure_index(home, model, slug, stdout):
    """An index page under the English home, translated into every other language."""
    titles = INDEX_TITLES[slug]
    index = child_by_slug(home, model, slug)
    if index is None:
        title, intro = titles["en"]
        index = home.add_child(instance=model(title=title, intro=intro, slug=slug))
        publish(index)
        stdout.write(f"Created /en/{slug}/.")
    translate_page(index, titles, stdout)
    return index


def istanbul_datetime(day, hour):
    """The meeting's start on that day at that Istanbul hour."""
    return local_moment(day, time(hour, 0))


def ensure_group(index, spec, agencies):
    """A thematic group page with its leads, focal points, members and standing item."""
    group = child_by_slug(index, ThematicGroupPage, spec["slug"])
    if group is not None:
        return group, False
    title, presenter, minutes = STANDARD_OPENING
    group = ThematicGroupPage(
        title=spec["title"],
        slug=spec["slug"],
        sector=spec["sector"],
        summary=spec["summary"],
        terms_of_reference=spec["tor"],
        lead_agency=agencies[spec["lead"]],
        co_lead_agency=agencies[spec["co_lead"]],
        schedule_week=spec["week"],
        schedule_weekday=spec["weekday"],
        schedule_time=time(spec["hour"], 0),
        default_place=spec["place"],
        standing_agenda=[
            (
                "item",
                {"title": title, "presenter": agencies[presenter], "minutes_allotted": minutes},
            )
        ],
    )
    group.focal_points = [
        GroupFocalPoint(name=name, agency=agencies[agency], role=role, email=email, phone=phone)
        for name, agency, role, email, phone in spec["focal_points"]
    ]
    group.member_agencies = [agencies[slug] for slug in spec["members"]]
    index.add_child(instance=group)
    publish(group)
    return group, True


def agenda_for(spec, agencies, previous, group):
    """The meeting's agenda and minutes: opening, adoption, matters arising, topics, AOB."""
    title, presenter, minutes = STANDARD_OPENING
    items = [agenda_item(title=title, presenter=agencies[presenter], minutes_allotted=minutes)]
    held = spec.get("status", "held") == "held"
    if previous is not None:
        items.append(
            agenda_item(
                kind="adoption",
                title=f"Adoption of the minutes of {previous.title}",
                previous_meeting=previous,
                minutes_allotted=5,
                minutes_adopted=held,
                discussion="The minutes were adopted without changes." if held else "",
            )
        )
    for prefix in spec.get("closes", []):
        point = ActionPoint.objects.for_group(group).filter(text__startswith=prefix).first()
        if point is not None:
            items.append(
                agenda_item(
                    kind="matters_arising",
                    title=f"Matters arising: {point.text}",
                    presenter=point.responsible_agency,
                    action_point=point,
                    follow_up="done" if held else "",
                    discussion="Reported done." if held else "",
                    minutes_allotted=5,
                )
            )
    for topic, presenter_slug, allotted, discussion, outcomes in spec["agenda"]:
        items.append(
            agenda_item(
                title=topic,
                presenter=agencies.get(presenter_slug),
                minutes_allotted=allotted,
                discussion=discussion if held else "",
                outcomes=[
                    {
                        "kind": kind,
                        "text": text,
                        "responsible_agency": agencies.get(agency_slug),
                        "due_date": due,
                    }
                    for kind, text, agency_slug, due in (outcomes if held else [])
                ],
            )
        )
    items.append(agenda_item(title="Any other business", minutes_allotted=10))
    return [("item", item) for item in items]


def add_meeting(group, spec, agencies, previous, hour, place):
    """One past meeting with its agenda, minutes and attendance, published."""
    start = istanbul_datetime(spec["date"], hour)
    status = spec.get("status", "held")
    meeting = MeetingPage(
        title=spec["title"],
        slug=spec["date"].strftime("%Y-%m-") + group.slug,
        start=start,
        end=start + timedelta(hours=2),
        place=place,
        status=status,
        status_note=spec.get("status_note", ""),
        visibility=spec.get("visibility", "public"),
        agenda=agenda_for(spec, agencies, previous, group),
    )
    if status == "held":
        members = list(group.member_agencies.all())
        meeting.attendance = [
            MeetingAttendance(
                agency=agency,
                presence="present" if number % 4 else "apologies",
                participants=2 if number % 4 else 0,
            )
            for number, agency in enumerate(members, 1)
        ]
    group.add_child(instance=meeting)
    publish(meeting)
    return meeting


def add_future_meetings(group, agencies):
    """Upcoming meetings at the group's regular time, with agendas and nothing decided yet."""
    if MeetingPage.objects.child_of(group).filter(start__gte=timezone.now()).exists():
        return 0
    after = timezone.now()
    latest = MeetingPage.objects.child_of(group).order_by("-start").first()
    open_points = list(ActionPoint.objects.for_group(group).open().order_by("due_date")[:3])
    for _number in range(FUTURE_MEETINGS_PER_GROUP):
        start = next_regular_start(group, after)
        title, presenter, minutes = STANDARD_OPENING
        items = [agenda_item(title=title, presenter=agencies[presenter], minutes_allotted=minutes)]
        if latest is not None:
            items.append(
                agenda_item(
                    kind="adoption",
                    title=f"Adoption of the minutes of {latest.title}",
                    previous_meeting=latest,
                    minutes_allotted=5,
                )
            )
        items.extend(
            agenda_item(
                kind="matters_arising",
                title=f"Matters arising: {point.text}",
                presenter=point.responsible_agency,
                action_point=point,
                minutes_allotted=5,
            )
            for point in open_points
        )
        items.append(agenda_item(title="Partner updates", minutes_allotted=30))
        meeting = MeetingPage(
            title=f"{group.title}, {start:%B %Y}",
            slug=f"{start:%Y-%m}-{group.slug}",
            start=start,
            end=start + timedelta(minutes=group.meeting_duration_minutes),
            place=group.default_place,
            agenda=[("item", item) for item in items],
        )
        group.add_child(instance=meeting)
        publish(meeting)
        latest, after, open_points = meeting, start, []
    return FUTURE_MEETINGS_PER_GROUP


@transaction.atomic
@index_once()
def seed_meetings(stdout):
    """Groups index, meetings calendar, agencies, three groups with 2018–2019 meetings and a
    few upcoming ones. E-mails are recorded as handled, never sent, while seeding."""
    home = site_home_page()
    if home is None:
        stdout.write("No English home page: run seed_site first.")
        return
    with notifications_recorded_not_sent():
        agencies = ensure_agencies(home)
        groups_index = ensure_index(home, ThematicGroupIndexPage, "groups", stdout)
        ensure_index(home, MeetingIndexPage, "meetings", stdout)
        for spec in GROUPS:
            group, created = ensure_group(groups_index, spec, agencies)
            if created:
                previous = None
                for meeting_spec in spec["meetings"]:
                    meeting = add_meeting(
                        group, meeting_spec, agencies, previous, spec["hour"], spec["place"]
                    )
                    if meeting.status == MeetingPage.Status.HELD:
                        previous = meeting
                stdout.write(f"Created the group {group.title} and its meetings.")
            add_future_meetings(group, agencies)
    stdout.write(
        f"Meetings: {ThematicGroupPage.objects.count()} groups, "
        f"{MeetingPage.objects.count()} meetings, "
        f"{ActionPoint.objects.open().count()} open action points."
    )
