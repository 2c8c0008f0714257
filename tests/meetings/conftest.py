"""Fixtures of the meetings tests: a group with agencies, focal points and people in each role.

The group and its agencies are built once per test module (module_data) and read anew for
each test, whose changes to them roll back with it: a module's other tests see them too."""

import pytest

from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS, MEMBERS
from iswg_portal.core.locales import site_home_page
from meetings.models import ThematicGroupPage
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories.meetings import make_agency, make_group, meetings_index


@pytest.fixture(scope="module")
def plenary(module_data):
    """UNHCR, IOM and ASAM as published agencies, and the ISWG plenary: it meets on the second
    Wednesday at 10:00, UNHCR and IOM lead."""
    home = site_home_page()
    agencies = {
        "unhcr": make_agency(home, "UNHCR", title="UN Refugee Agency", slug="unhcr"),
        "iom": make_agency(home, "IOM", title="International Organization for Migration"),
        "asam": make_agency(home, "ASAM", title="Association for Solidarity with Refugees"),
    }
    meetings_index(home)
    group = make_group(
        home,
        title="Inter-Sector Working Group",
        slug="iswg",
        sector=ThematicGroupPage.Sector.COORDINATION,
        lead_agency=agencies["unhcr"],
        co_lead_agency=agencies["iom"],
        schedule_week=ThematicGroupPage.Week.SECOND,
        schedule_weekday=ThematicGroupPage.Weekday.WEDNESDAY,
        focal_points=[
            {"name": "Focal UNHCR", "agency": agencies["unhcr"], "email": "focal@unhcr.example"},
            {"name": "Focal ASAM", "agency": agencies["asam"], "email": "focal@asam.example"},
        ],
        members=list(agencies.values()),
    )
    return {"agencies": agencies, "group": group}


@pytest.fixture
def agencies(plenary, db):
    """UNHCR, IOM and ASAM as published agencies."""
    return read_again(plenary["agencies"])


@pytest.fixture
def group(plenary, db):
    """The ISWG plenary (see plenary)."""
    return read_again(plenary["group"])


@pytest.fixture
def member(db):
    return UserFactory(email="member@agency.example", role=MEMBERS)


@pytest.fixture
def co_chair(db):
    return UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS, is_superuser=False)


@pytest.fixture
def group_lead(db):
    return UserFactory(email="lead@asam.example", role=GROUP_LEADS)
