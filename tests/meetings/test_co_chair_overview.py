"""The meetings' part of a co-chair's admin home: open action points by agency (overdue, due
soon, open) and each agency's participation in each group over the last twelve months; every
number the length of the list its link opens, each table a CSV; none of it for group leads."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS
from iswg_portal.core.locales import site_home_page
from iswg_portal.core.time import local_today
from meetings.models import ActionPoint, MeetingAttendance, MeetingPage
from services_map.models import AgencyPage
from tests.admin_home import dashboard, queries_for_dashboard, words
from tests.factories import UserFactory
from tests.factories.meetings import make_agency, make_group, make_meeting, publish

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = local_today()
PRESENT = MeetingAttendance.Presence.PRESENT
APOLOGIES = MeetingAttendance.Presence.APOLOGIES


def held_meeting(group, days_ago, attendance=(), title=None):
    """A published meeting of the group held `days_ago`, with (agency, presence) rows; a name
    instead of an agency is a guest who came on their own."""
    meeting = make_meeting(
        group,
        start=NOW - timedelta(days=days_ago),
        status=MeetingPage.Status.HELD,
        title=title or f"{group.title} – {days_ago} days ago",
        publish_now=False,
    )
    for who, presence in attendance:
        if isinstance(who, str):
            meeting.attendance.add(MeetingAttendance(name=who, presence=presence))
        else:
            meeting.attendance.add(MeetingAttendance(agency=who, presence=presence))
    return publish(meeting)


@pytest.fixture(scope="module")
def world(module_data):
    """Protection (members UNHCR and ASAM) held three meetings this year and one two years
    ago; Karşıyaka Municipality, not a member, came to one, and so did a guest by name, who is
    no agency's participation. Action points of UNHCR and ASAM overdue, due soon and later, one
    without an agency."""
    home = site_home_page()
    unhcr = make_agency(home, "UNHCR", title="UN Refugee Agency")
    asam = make_agency(home, "ASAM", title="Association for Solidarity")
    karsiyaka = make_agency(home, "KSK", title="Karşıyaka Municipality")
    # Named by its title where it has no acronym.
    AgencyPage.objects.filter(pk=karsiyaka.pk).update(acronym="")
    protection = make_group(home, title="Protection Working Group", members=[unhcr, asam])
    first = held_meeting(protection, 300, [(unhcr, PRESENT), (asam, APOLOGIES)])
    held_meeting(
        protection,
        200,
        [(unhcr, PRESENT), (asam, PRESENT), (karsiyaka, PRESENT), ("Ayşe Yılmaz", PRESENT)],
    )
    held_meeting(protection, 30, [(unhcr, APOLOGIES)])
    held_meeting(protection, 800, [(unhcr, PRESENT), (asam, PRESENT)])
    make_meeting(protection, start=NOW + timedelta(days=20), title="Next meeting")
    for agency, due in (
        (unhcr, TODAY - timedelta(days=10)),
        (unhcr, TODAY - timedelta(days=1)),
        (unhcr, TODAY + timedelta(days=3)),
        (asam, TODAY + timedelta(days=60)),
        (asam, None),
        (None, TODAY - timedelta(days=5)),
    ):
        ActionPoint.objects.create(
            group=protection,
            raised_at=first,
            text=f"Follow up {due}",
            responsible_agency=agency,
            due_date=due,
        )
    ActionPoint.objects.create(
        group=protection,
        raised_at=first,
        text="Done already",
        responsible_agency=unhcr,
        due_date=TODAY - timedelta(days=30),
        status=ActionPoint.Status.DONE,
    )
    return {
        "home": home,
        "protection": protection,
        "unhcr": unhcr,
        "co_chair": UserFactory(role=CO_CHAIRS),
        "lead": UserFactory(role=GROUP_LEADS, organisation=protection),
    }


def table(page, table_id):
    found = page.find("table", id=table_id)
    assert found is not None, f"no table {table_id}"
    columns = [words(th) for th in found.thead.find_all("th")]
    return [
        dict(zip(columns, tr.find_all(["th", "td"]), strict=True))
        for tr in found.tbody.find_all("tr")
    ]


def rows_behind(client, cell):
    response = client.get(cell.find("a")["href"])
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_action_points_by_agency_count_overdue_due_soon_and_open(client, world):
    rows = table(dashboard(client, world["co_chair"]), "action-points-by-agency")
    by_agency = {words(row["Responsible agency"]): row for row in rows}
    assert list(by_agency) == ["ASAM", "UNHCR", "No agency named"]
    unhcr = by_agency["UNHCR"]
    assert [words(unhcr[column]) for column in list(unhcr)[1:]] == ["2", "1", "3"]
    assert [words(cell) for cell in list(by_agency["ASAM"].values())[1:]] == ["0", "0", "2"]


def test_each_action_point_count_opens_the_same_points_in_the_admin_list(client, world):
    rows = table(dashboard(client, world["co_chair"]), "action-points-by-agency")
    for row in rows:
        for cell in list(row.values())[1:]:
            listing = rows_behind(client, cell).select("table.listing tbody tr")
            shown = [tr for tr in listing if "Follow up" in words(tr)]
            assert len(shown) == len(listing) == int(words(cell)), cell.find("a")["href"]


def test_participation_counts_meetings_attended_of_those_invited_to(client, world):
    rows = table(dashboard(client, world["co_chair"]), "participation")
    found = {
        (words(row["Agency"]), words(row["Group"])): (
            words(row["Meetings attended"]),
            words(row["Meetings invited to"]),
        )
        for row in rows
    }
    assert found == {
        ("ASAM", "Protection Working Group"): ("1", "3"),
        ("Karşıyaka Municipality", "Protection Working Group"): ("1", "1"),
        ("UNHCR", "Protection Working Group"): ("2", "3"),
    }


def test_a_participation_count_opens_the_meetings_behind_it(client, world):
    rows = table(dashboard(client, world["co_chair"]), "participation")
    asam = next(row for row in rows if words(row["Agency"]) == "ASAM")
    page = rows_behind(client, asam["Meetings invited to"])
    meetings = page.select(".portal-desk__item")
    assert len(meetings) == 3
    assert sum("Present" in words(item) for item in meetings) == 1
    assert sum("Apologies" in words(item) for item in meetings) == 1
    assert sum("Attendance not recorded" in words(item) for item in meetings) == 1


def test_the_overdue_count_at_the_top_matches_its_list(client, world):
    page = dashboard(client, world["co_chair"])
    link = next(item.find("a") for item in page.select(".w-summary li") if "overdue" in words(item))
    assert words(link) == "3 overdue action points"
    listing = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    assert len(listing.select("table.listing tbody tr")) == 3


def test_the_tables_download_as_csv(client, world):
    client.force_login(world["co_chair"])
    response = client.get("/admin/overview/participation.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == ["Agency", "Group", "Meetings attended", "Meetings invited to"]
    assert ["UNHCR", "Protection Working Group", "2", "3"] in rows
    points = client.get("/admin/overview/action-points-by-agency.csv").content.decode("utf-8")
    assert ["UNHCR", "2", "1", "3"] in list(csv.reader(io.StringIO(points[1:])))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/overview/participation.csv",
        "/admin/overview/action-points-by-agency.csv",
        "/admin/overview/participation/?group={group}&agency={agency}",
    ],
)
def test_a_group_lead_may_not_open_the_co_chairs_tables(client, world, url):
    client.force_login(world["lead"])
    url = url.format(group=world["protection"].pk, agency=world["unhcr"].pk)
    assert client.get(url).status_code == 403
    assert dashboard(client, world["lead"]).find("table", id="participation") is None


def test_a_participation_link_without_a_group_or_agency_is_a_bad_request(client, world):
    client.force_login(world["co_chair"])
    assert client.get("/admin/overview/participation/?group=x&agency=1").status_code == 400


def test_the_overview_takes_as_many_queries_for_four_meetings_as_for_ten(client, world):
    queries_for_dashboard(client, world["co_chair"])  # Wagtail's caches filled
    before = queries_for_dashboard(client, world["co_chair"])
    other = make_group(world["home"], title="Health Working Group", members=[world["unhcr"]])
    for number in range(6):
        meeting = held_meeting(other, 10 + number * 20, [(world["unhcr"], PRESENT)])
        ActionPoint.objects.create(
            group=other, raised_at=meeting, text="More", due_date=TODAY, responsible_agency=None
        )
    queries_for_dashboard(client, world["co_chair"])
    assert queries_for_dashboard(client, world["co_chair"]) == before
