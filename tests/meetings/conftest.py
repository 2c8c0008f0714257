"""Fixtures of the meetings tests: a group with agencies, focal points and people in each role."""

import pytest

from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS, MEMBERS
from meetings.models import ThematicGroupPage
from tests.factories import UserFactory
from tests.factories.meetings import make_agency, make_group, meetings_index


@pytest.fixture
def agencies(home_page):
    """UNHCR, IOM and ASAM as published agencies."""
    return {
        "unhcr": make_agency(home_page, "UNHCR", title="UN Refugee Agency", slug="unhcr"),
        "iom": make_agency(home_page, "IOM", title="International Organization for Migration"),
        "asam": make_agency(home_page, "ASAM", title="Association for Solidarity with Refugees"),
    }


@pytest.fixture
def group(home_page, agencies):
    """The ISWG plenary: meets on the second Wednesday at 10:00, UNHCR and IOM lead."""
    meetings_index(home_page)
    return make_group(
        home_page,
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


@pytest.fixture
def member(db):
    return UserFactory(email="member@agency.example", role=MEMBERS)


@pytest.fixture
def co_chair(db):
    return UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS, is_superuser=False)


@pytest.fixture
def group_lead(db):
    return UserFactory(email="lead@asam.example", role=GROUP_LEADS)
