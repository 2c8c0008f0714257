"""Rules the directory's models keep: who may see a service, what an editor may save."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from services_map.models import ProblemReport, ServiceLocation, ServicePage, ServiceSchedule
from tests.factories import UserFactory
from tests.factories import services_map as build

TODAY = datetime.date(2026, 11, 25)

pytestmark = pytest.mark.django_db


def test_active_published_service_is_publicly_listed(asam):
    assert build.service(asam).is_publicly_listed(TODAY)


def test_service_that_ended_yesterday_leaves_the_directory(asam):
    page = build.service(asam, end_date=TODAY - datetime.timedelta(days=1))
    assert not page.is_publicly_listed(TODAY)


def test_service_ending_today_is_still_listed(asam):
    assert build.service(asam, end_date=TODAY).is_publicly_listed(TODAY)


def test_closed_service_is_not_listed(asam):
    assert not build.service(asam, status=ServicePage.Status.CLOSED).is_publicly_listed(TODAY)


def test_unpublished_service_is_not_listed(asam):
    assert not build.service(asam, publish=False).is_publicly_listed(TODAY)


def test_internal_service_is_hidden_from_the_public(asam):
    assert not build.service(asam, is_internal=True).is_publicly_listed(TODAY)


def test_internal_service_is_listed_for_a_member(asam):
    member = UserFactory(role="Members")
    assert build.service(asam, is_internal=True).is_listed_for(member, TODAY)


def test_internal_service_is_not_listed_for_a_signed_in_person_without_a_role(asam):
    assert not build.service(asam, is_internal=True).is_listed_for(UserFactory(), TODAY)


def test_protection_sensitive_address_is_not_shown_to_the_public(asam):
    from django.contrib.auth.models import AnonymousUser

    page = build.service(asam, is_protection_sensitive=True)
    assert not page.shows_address_to(AnonymousUser())


def test_listing_verified_181_days_ago_is_stale(asam):
    page = build.service(asam, last_verified=TODAY - datetime.timedelta(days=181))
    assert page.is_stale(TODAY)


def test_listing_verified_180_days_ago_is_not_yet_stale(asam):
    page = build.service(asam, last_verified=TODAY - datetime.timedelta(days=180))
    assert not page.is_stale(TODAY)


def test_never_verified_listing_is_stale(asam):
    assert build.service(asam).is_stale(TODAY)


def _location(page, province_slug, district_name, lat, lng):
    found = build.district(province_slug, district_name)
    return ServiceLocation(
        page=page,
        address_1="Street 1",
        province=build.province(province_slug),
        district=found,
        latitude=lat,
        longitude=lng,
    )


def test_location_with_a_district_of_another_province_is_refused(asam):
    page = build.service(asam)
    location = _location(page, "izmir", "Buca", 38.38, 27.17)
    location.district = build.district("mugla", "Bodrum")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "district" in error.value.message_dict


def test_location_with_coordinates_outside_its_province_is_refused(asam):
    page = build.service(asam)
    # Antalya's centre given for a location in İzmir.
    location = _location(page, "izmir", "Buca", 36.8969, 30.7133)
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "latitude" in error.value.message_dict


def test_location_with_swapped_latitude_and_longitude_is_refused(asam):
    page = build.service(asam)
    location = _location(page, "izmir", "Buca", 27.17, 38.38)
    with pytest.raises(ValidationError):
        location.full_clean()


def test_location_with_only_a_latitude_is_refused(asam):
    page = build.service(asam)
    location = _location(page, "izmir", "Buca", 38.38, None)
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "longitude" in error.value.message_dict


def test_location_inside_its_province_is_accepted(asam):
    page = build.service(asam)
    _location(page, "izmir", "Buca", 38.3881, 27.1753).full_clean()


def test_opening_period_that_closes_before_it_opens_is_refused(asam):
    period = ServiceSchedule(
        page=build.service(asam),
        weekday=1,
        opens_at=datetime.time(17),
        closes_at=datetime.time(9),
    )
    with pytest.raises(ValidationError):
        period.full_clean()


def test_category_below_a_type_of_service_is_refused(directory):
    health = build.category("Health")
    mhpss = build.category("Psychosocial support", parent=health)
    third = build.category("Group sessions")
    third.parent = mhpss
    with pytest.raises(ValidationError):
        third.full_clean()


def test_category_is_shown_with_its_sector(directory):
    health = build.category("Health")
    assert str(build.category("Psychosocial support", parent=health)) == (
        "Health › Psychosocial support"
    )


def test_problem_report_records_when_it_was_resolved(asam):
    report = ProblemReport.objects.create(service=build.service(asam), kind="wrong_phone")
    assert report.resolved_at is None
    report.status = ProblemReport.Status.FIXED
    report.save()
    assert report.resolved_at is not None


def test_reopened_problem_report_loses_its_resolution_time(asam):
    report = ProblemReport.objects.create(
        service=build.service(asam), kind="closed", status=ProblemReport.Status.FIXED
    )
    report.status = ProblemReport.Status.RECEIVED
    report.save()
    assert report.resolved_at is None


def test_service_text_is_indexed_as_search_keys(asam):
    page = build.service(asam, title="Sağlık Danışmanlığı", place=("izmir", "Karşıyaka"))
    assert {"saglik", "danismanligi"} <= set(page.indexed_name().split())
    assert "karsiyaka" in page.indexed_body().split()
    assert "asam" in page.indexed_agency().split()
    assert "saglik" in page.folded_words().split()
