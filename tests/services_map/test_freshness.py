"""Keeping listings fresh: one-action confirmation in the admin and the monthly reminder (about
listings a test builds itself, in test_freshness_own_listings.py)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageLogEntry

from iswg_portal.accounts.roles import AGENCY_EDITORS, MEMBERS
from services_map.models import ServicePage
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture(scope="module")
def karabaglar(module_data):
    """Karabağlar Municipality (an address of its own, nobody working for it) with its one
    listing, last verified 200 days ago and never reminded, and a co-chair, built once for this
    module's tests (each rolls back what it changes). The reminder tests that build listings of
    their own and expect a reminder about those alone are in test_freshness_own_listings.py:
    this listing would be reminded too."""
    directory = build.directory_page()
    agency = build.agency(directory, "Karabağlar Municipality", acronym="")
    agency.email = "sosyaldestek@karabaglar.example"
    agency.save_revision().publish()
    return {
        "agency_with_email": agency,
        "old_listing": build.service(agency, "Shirt-sewing course", last_verified=days_ago(200)),
        "co_chair": UserFactory(role="Co-chairs"),
    }


@pytest.fixture
def agency_with_email(karabaglar):
    """The municipality, with its address."""
    return read_again(karabaglar["agency_with_email"])


@pytest.fixture
def old_listing(karabaglar):
    """The municipality's listing, last verified 200 days before today: should the calendar
    have turned since the module built it, its date moves on with it."""
    listing = read_again(karabaglar["old_listing"])
    if listing.last_verified != days_ago(200):
        ServicePage.objects.filter(pk=listing.pk).update(last_verified=days_ago(200))
        listing.refresh_from_db()
    return listing


@pytest.fixture
def co_chair(client, karabaglar):
    """The module's co-chair, signed in."""
    user = read_again(karabaglar["co_chair"])
    client.force_login(user)
    return user


def confirm_url(page):
    return reverse("services_map_confirm_listing", args=[page.pk])


# --- Confirm still correct -------------------------------------------------------------------


def test_confirming_sets_last_verified_to_today(client, co_chair, old_listing):
    response = client.post(confirm_url(old_listing))
    assert response.status_code == 302
    old_listing.refresh_from_db()
    assert old_listing.last_verified == timezone.localdate()


def test_confirming_updates_every_translation(client, co_chair, old_listing):
    translation = old_listing.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    translation.save_revision().publish()
    client.post(confirm_url(old_listing))
    assert ServicePage.objects.get(pk=translation.pk).last_verified == timezone.localdate()


def test_confirming_publishes_nothing_else(client, co_chair, old_listing):
    old_listing.title = "Draft title nobody approved"
    old_listing.save_revision()
    client.post(confirm_url(old_listing))
    live = ServicePage.objects.get(pk=old_listing.pk)
    assert live.title == "Shirt-sewing course"
    assert live.has_unpublished_changes


def test_confirming_carries_the_date_into_a_pending_draft(client, co_chair, old_listing):
    old_listing.title = "Draft title"
    old_listing.save_revision()
    client.post(confirm_url(old_listing))
    draft = ServicePage.objects.get(pk=old_listing.pk).get_latest_revision_as_object()
    assert draft.title == "Draft title"
    assert draft.last_verified == timezone.localdate()


def test_confirming_is_logged_in_the_page_history(client, co_chair, old_listing):
    client.post(confirm_url(old_listing))
    entry = PageLogEntry.objects.get(page=old_listing, action="services_map.confirm_listing")
    assert entry.user == co_chair


def test_confirmation_page_asks_before_changing_anything(client, co_chair, old_listing):
    response = client.get(confirm_url(old_listing))
    assert response.status_code == 200
    assert "Yes, it is still correct" in response.content.decode()
    old_listing.refresh_from_db()
    assert old_listing.last_verified == days_ago(200)


def test_edit_page_offers_the_confirm_button(client, co_chair, old_listing):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[old_listing.pk]))
    assert confirm_url(old_listing) in response.content.decode()


def test_editor_without_rights_on_the_service_cannot_confirm(client, old_listing):
    client.force_login(UserFactory(role="Agency editors"))
    response = client.post(confirm_url(old_listing))
    assert response.status_code in {302, 403}
    old_listing.refresh_from_db()
    assert old_listing.last_verified == days_ago(200)


def test_public_cannot_confirm(client, old_listing):
    client.post(confirm_url(old_listing))
    old_listing.refresh_from_db()
    assert old_listing.last_verified == days_ago(200)


def test_confirming_an_agency_page_is_refused(client, co_chair, agency_with_email):
    assert client.post(confirm_url(agency_with_email)).status_code in {302, 403}


def test_confirm_goes_back_only_to_this_site(client, co_chair, old_listing):
    response = client.post(confirm_url(old_listing), {"next": "https://evil.example/"})
    assert not response["Location"].startswith("https://evil.example")


# --- remind_stale_listings -------------------------------------------------------------------


def test_reminder_links_to_the_one_click_confirmation(remind, old_listing):
    remind()
    assert f"http://testserver{confirm_url(old_listing)}" in mail.outbox[0].body


def test_running_twice_reminds_once(remind, old_listing):
    remind()
    remind()
    assert len(mail.outbox) == 1


def test_a_listing_is_reminded_again_after_a_month(remind, old_listing):
    ServicePage.objects.filter(pk=old_listing.pk).update(
        last_stale_reminder_at=timezone.now() - datetime.timedelta(days=31)
    )
    remind()
    assert len(mail.outbox) == 1


def test_a_listing_reminded_this_month_is_not_reminded_again(remind, old_listing):
    ServicePage.objects.filter(pk=old_listing.pk).update(
        last_stale_reminder_at=timezone.now() - datetime.timedelta(days=20)
    )
    remind()
    assert mail.outbox == []


def test_dry_run_sends_and_records_nothing(remind, old_listing):
    output = remind("--dry-run")
    assert "Would remind sosyaldestek@karabaglar.example about 'Shirt-sewing course'" in output
    assert mail.outbox == []
    old_listing.refresh_from_db()
    assert old_listing.last_stale_reminder_at is None


def test_a_translated_listing_is_reminded_once(remind, old_listing):
    translation = old_listing.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    translation.save_revision().publish()
    remind()
    assert len(mail.outbox) == 1


# --- Recipients from the agency's own Django group -------------------------------------------


def test_the_agencys_editors_are_reminded_of_its_listings(remind, old_listing, agency_with_email):
    editor = UserFactory(
        email="editor@karabaglar.example", role=AGENCY_EDITORS, organisation=agency_with_email
    )
    remind()
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example", editor.email]


def test_a_member_of_the_agency_who_cannot_edit_is_not_reminded(
    remind, old_listing, agency_with_email
):
    UserFactory(role=MEMBERS, organisation=agency_with_email)
    remind()
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example"]


def test_an_editor_who_also_last_edited_the_listing_is_reminded_once(
    remind, old_listing, agency_with_email
):
    editor = UserFactory(
        email="Editor@Karabaglar.example", role=AGENCY_EDITORS, organisation=agency_with_email
    )
    old_listing.save_revision(user=editor)
    remind()
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example", editor.email]
