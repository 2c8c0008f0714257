"""A co-chair records the minutes of an 8-item meeting of a group of ten agencies in the admin,
and every click is counted: the issue's bar is fewer than 40.

A click is any press of the mouse: a button, a tab, a radio, a field the cursor is not already
in (typing into it then costs none), and two for a select (open it, pick). Typing is free."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from iswg_portal.accounts.roles import CO_CHAIRS
from meetings.models import ActionPoint, MeetingAttendance, MeetingPage
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tests.factories import meetings as build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENDA = [
    "Welcome and adoption of the agenda",
    "Protection updates from Buca and Karabağlar",
    "Winter response: lessons learnt",
    "Referral pathways for survivors of violence",
    "Registration backlog in Manisa",
    "Cash assistance coordination",
    "Child protection case management",
    "Any other business",
]
DECISIONS = {
    1: "Share the protection dashboard monthly.",
    2: "Keep the winter hotline open until March.",
    5: "Use one referral form for cash assistance.",
}
ACTION_POINTS = {
    3: ("Update the referral pathway map", "ASAM"),
    4: ("Ask the PDMM for the backlog figures", "IOM"),
}
ACRONYMS = ["UNHCR", "IOM", "ASAM", "TRC", "UNICEF", "WFP", "SGDD", "MUDEM", "IMC", "RSF"]
PRESENT = ["UNHCR", "IOM", "ASAM", "TRC", "UNICEF", "WFP", "SGDD", "MUDEM"]
APOLOGIES = "IMC"
GUEST = "Ayşe Yılmaz, Buca Municipality"


class ClickCounter:
    """The co-chair's hand on the mouse: every press goes through here and is counted."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def add(self, button, added):
        """Press a button that adds a field and wait for the field. A press the page missed
        (on a busy machine, while the editor still lays out the item just added) is pressed
        again, as the co-chair would, and counted; a button that adds nothing fails."""
        before = added.count()
        for _ in range(2):
            self.click(button)
            try:
                expect(added).to_have_count(before + 1, timeout=5000)
                return
            except AssertionError:
                continue
        expect(added).to_have_count(before + 1)

    def write(self, locator, text):
        """Type into a field, clicking into it first unless the cursor is already there."""
        if not locator.evaluate("field => field === document.activeElement"):
            self.click(locator)
        locator.fill(text)

    def choose(self, select, name):
        """Open a select and pick the option that names this."""
        self.count += 2
        select.select_option(select.locator("option", has_text=name).get_attribute("value"))


@pytest.fixture
def meeting_to_record(home_page):
    """A group of ten agencies led by UNHCR and IOM, and its meeting of last week, not yet
    recorded (a draft, as "Create the next meeting" leaves it)."""
    agencies = {acronym: build.make_agency(home_page, acronym) for acronym in ACRONYMS}
    group = build.make_group(
        home_page,
        title="Protection Working Group",
        lead_agency=agencies["UNHCR"],
        co_lead_agency=agencies["IOM"],
        members=list(agencies.values()),
    )
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    meeting = build.make_meeting(
        group,
        title="Protection WG – monthly meeting",
        start=build.istanbul(last_week.year, last_week.month, last_week.day),
        publish_now=False,
    )
    return meeting, agencies


def test_a_co_chair_records_an_eight_item_meeting_of_ten_agencies_in_under_40_clicks(
    live_server, meeting_to_record, browser_page, settings
):
    # The live server's SQLite database takes one writer at a time: an autosave still under
    # way when Publish is pressed would fail on a locked table. Autosave costs no click.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    meeting, agencies = meeting_to_record
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, UserFactory(role=CO_CHAIRS, preferred_language="en"))
    page.goto(f"{live_server.url}/admin/pages/{meeting.pk}/edit/")
    hand = ClickCounter(page)

    hand.click(page.get_by_role("radio", name="Held"))

    hand.click(page.get_by_role("tab", name="Agenda and minutes"))
    agenda = page.locator("[data-streamfield-stream-container]")
    add_item = agenda.locator("button.c-sf-add-button:not([data-streamfield-list-add])")
    for number, title in enumerate(AGENDA):
        hand.click(add_item.last)
        item = agenda.locator(":scope > [data-streamfield-child]").nth(number)
        hand.write(item.locator("input[name$='-value-title']"), title)
        if number in DECISIONS:
            outcomes = item.locator("textarea[name$='-value-text']")
            hand.add(item.get_by_role("button", name="Add a decision"), outcomes)
            hand.write(outcomes.last, DECISIONS[number])
        if number in ACTION_POINTS:
            text, acronym = ACTION_POINTS[number]
            outcomes = item.locator("textarea[name$='-value-text']")
            hand.add(item.get_by_role("button", name="Add an action point"), outcomes)
            hand.write(outcomes.last, text)
            hand.choose(
                item.locator("select[name$='-value-responsible_agency']").last,
                agencies[acronym].title,
            )
            due_date = item.locator("input[name$='-value-due_date']").last
            hand.write(due_date, (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
            due_date.press("Tab")  # leaves the field, which closes its calendar

    agenda_height = agenda.bounding_box()["height"]

    hand.click(page.get_by_role("tab", name="Attendance and documents"))
    rows = page.locator("#id_attendance-FORMS > [data-inline-panel-child]")
    expect(rows).to_have_count(len(ACRONYMS))
    for acronym in PRESENT:
        row = rows.filter(has=page.locator("option:checked", has_text=agencies[acronym].title))
        hand.click(row.get_by_role("radio", name="Present"))
    row = rows.filter(has=page.locator("option:checked", has_text=agencies[APOLOGIES].title))
    hand.click(row.get_by_role("radio", name="Apologies"))
    hand.click(page.locator("#id_attendance-ADD"))
    hand.write(rows.last.locator("input[name$='-name']"), GUEST)

    hand.click(page.locator("footer [data-w-dropdown-target=toggle]"))
    hand.click(page.locator("footer button[name=action-publish]"))
    page.wait_for_url(f"**/admin/pages/{meeting.get_parent().pk}/")
    page.wait_for_load_state("networkidle")

    # The figures the issue asks for, shown with -s.
    print(  # noqa: T201
        f"\nClicks to record an 8-item meeting of 10 agencies: {hand.count}; "
        f"the agenda's height: {agenda_height:.0f} px"
    )
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    assert meeting.live, page.locator("main").inner_text()[:2000]
    assert meeting.status == MeetingPage.Status.HELD
    assert meeting.agenda_titles == AGENDA
    outcomes = {
        number: [(outcome["kind"], outcome["text"]) for outcome in item["outcomes"]]
        for number, item in enumerate(meeting.items)
        if item["outcomes"]
    }
    assert outcomes == {
        **{number: [("decision", text)] for number, text in DECISIONS.items()},
        **{number: [("action_point", text)] for number, (text, _) in ACTION_POINTS.items()},
    }
    assert sorted(ActionPoint.objects.filter(raised_at=meeting).values_list("text", flat=True)) == (
        sorted(text for text, _agency in ACTION_POINTS.values())
    )
    presence = {
        (row.agency.acronym if row.agency else row.name): row.presence
        for row in meeting.attendance.select_related("agency")
    }
    assert presence == {
        **dict.fromkeys(PRESENT, MeetingAttendance.Presence.PRESENT),
        APOLOGIES: MeetingAttendance.Presence.APOLOGIES,
        "RSF": MeetingAttendance.Presence.ABSENT,
        GUEST: MeetingAttendance.Presence.PRESENT,
    }
    assert hand.count < 40
