"""The monthly reminder about listings each test builds itself, expecting a reminder about those
alone (or none): these tests keep their own agency, built for each test, where the module data
of test_freshness.py holds a stale listing that would be reminded too."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from iswg_portal.accounts.roles import AGENCY_EDITORS
from services_map.models import ServicePage
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def agency_with_email(directory):
    page = build.agency(directory, "Karabağlar Municipality", acronym="")
    page.email = "sosyaldestek@karabaglar.example"
    page.save_revision().publish()
    return page


def test_listing_unverified_for_150_days_is_reminded(remind, agency_with_email):
    build.service(agency_with_email, "Hygiene kits", last_verified=days_ago(150))
    remind()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example"]
    assert "Hygiene kits" in mail.outbox[0].subject


def test_recently_verified_listing_is_not_reminded(remind, agency_with_email):
    build.service(agency_with_email, last_verified=days_ago(149))
    remind()
    assert mail.outbox == []


def test_reminder_also_goes_to_the_last_editor(remind, agency_with_email):
    editor = UserFactory(email="editor@karabaglar.example")
    page = build.service(agency_with_email, last_verified=days_ago(170))
    page.save_revision(user=editor)
    remind()
    assert set(mail.outbox[0].to) == {"sosyaldestek@karabaglar.example", editor.email}


def test_ended_and_closed_listings_are_not_reminded(remind, agency_with_email):
    build.service(agency_with_email, last_verified=days_ago(300), end_date=days_ago(1))
    build.service(agency_with_email, last_verified=days_ago(300), status=ServicePage.Status.CLOSED)
    remind()
    assert mail.outbox == []


def test_a_deactivated_editor_and_an_editor_of_another_agency_are_not_reminded(
    remind, directory, agency_with_email
):
    gone = UserFactory(role=AGENCY_EDITORS, organisation=agency_with_email, is_active=False)
    UserFactory(role=AGENCY_EDITORS, organisation=build.agency(directory, "Other", acronym=""))
    page = build.service(agency_with_email, last_verified=days_ago(200))
    page.save_revision(user=gone)
    remind()
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example"]


def test_an_agency_without_an_address_still_reminds_its_editors(remind, directory):
    agency = build.agency(directory, "Buca Municipality", acronym="")
    editor = UserFactory(role=AGENCY_EDITORS, organisation=agency)
    build.service(agency, last_verified=days_ago(200))
    output = remind()
    assert mail.outbox[0].to == [editor.email]
    assert "No address for" not in output
