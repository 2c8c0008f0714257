"""Keeping listings fresh: one-action confirmation in the admin and the monthly reminder."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageLogEntry

from iswg_portal.accounts.roles import AGENCY_EDITORS, MEMBERS
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


@pytest.fixture
def old_listing(agency_with_email):
    return build.service(agency_with_email, "Shirt-sewing course", last_verified=days_ago(200))


@pytest.fixture
def co_chair(client):
    user = UserFactory(role="Co-chairs")
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


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the command as cron would, letting its mail go out when the transaction commits."""

    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_stale_listings", *args, stdout=out)
        return out.getvalue()

    return run


def test_listing_unverified_for_150_days_is_reminded(remind, agency_with_email):
    build.service(agency_with_email, "Hygiene kits", last_verified=days_ago(150))
    remind()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example"]
    assert "Hygiene kits" in mail.outbox[0].subject


def test_reminder_links_to_the_one_click_confirmation(remind, old_listing):
    remind()
    assert f"http://testserver{confirm_url(old_listing)}" in mail.outbox[0].body


def test_recently_verified_listing_is_not_reminded(remind, agency_with_email):
    build.service(agency_with_email, last_verified=days_ago(149))
    remind()
    assert mail.outbox == []


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


# --- Recipients from the agency's own Django group -------------------------------------------


def test_the_agencys_editors_are_reminded_of_its_listings(remind, old_listing, agency_with_email):
    editor = UserFactory(
        email="editor@karabaglar.example", role=AGENCY_EDITORS, organisation=agency_with_email
    )
    remind()
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example", editor.email]


def test_a_deactivated_editor_and_an_editor_of_another_agency_are_not_reminded(
    remind, directory, agency_with_email
):
    gone = UserFactory(role=AGENCY_EDITORS, organisation=agency_with_email, is_active=False)
    UserFactory(role=AGENCY_EDITORS, organisation=build.agency(directory, "Other", acronym=""))
    page = build.service(agency_with_email, last_verified=days_ago(200))
    page.save_revision(user=gone)
    remind()
    assert mail.outbox[0].to == ["sosyaldestek@karabaglar.example"]


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


def test_an_agency_without_an_address_still_reminds_its_editors(remind, directory):
    agency = build.agency(directory, "Buca Municipality", acronym="")
    editor = UserFactory(role=AGENCY_EDITORS, organisation=agency)
    build.service(agency, last_verified=days_ago(200))
    output = remind()
    assert mail.outbox[0].to == [editor.email]
    assert "No address for" not in output
