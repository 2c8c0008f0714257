"""The mapping of the directory's models to HSDS objects, on pages and rows never saved (Wagtail
reads a page type's content type from the database, nothing more), without HTTP."""

import datetime
import uuid

import pytest
from django.utils import translation

from services_map.hsds.mapping import (
    hsds_status,
    location_to_hsds,
    minimal_service,
    profile_fields,
    schedule_id,
    service_at_location_id,
)
from services_map.models import District, Province, ServiceLocation, ServicePage, ServiceSchedule

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def a_service(**fields):
    return ServicePage(title="Legal counselling", translation_key=uuid.uuid4(), **fields)


def a_location():
    izmir = Province(name="İzmir", name_ar="إزمير")
    buca = District(name="Buca", name_ar="بوجا", province=izmir)
    return ServiceLocation(
        row_key=uuid.uuid4(),
        name="Buca social services building",
        address_1="Atatürk Cad. 1",
        province=izmir,
        district=buca,
        postal_code="35390",
        latitude=38.3881,
        longitude=27.1753,
        public_transport="Bus 152 to Buca Belediyesi",
        wheelchair_accessible=True,
    )


def test_statuses_follow_hsds():
    assert hsds_status(a_service(status="active"), TODAY) == "active"
    assert hsds_status(a_service(status="temporarily_closed"), TODAY) == "temporarily closed"
    assert hsds_status(a_service(status="closed"), TODAY) == "inactive"
    ended = a_service(status="active", end_date=TODAY - datetime.timedelta(days=1))
    assert hsds_status(ended, TODAY) == "inactive"


def test_a_location_has_its_address_in_the_readers_script():
    with translation.override("ar"):
        data = location_to_hsds(a_location(), a_service())
    address = data["addresses"][0]
    assert (address["city"], address["state_province"]) == ("بوجا", "إزمير")
    assert (address["address_1"], address["postal_code"], address["country"]) == (
        "Atatürk Cad. 1",
        "35390",
        "TR",
    )
    assert (data["latitude"], data["longitude"]) == (38.3881, 27.1753)
    assert data["accessibility"][0]["details"]


def test_a_protection_sensitive_location_tells_nothing_of_where_it_is():
    location = a_location()
    data = location_to_hsds(location, a_service(is_protection_sensitive=True))
    assert data == {
        "id": str(location.row_key),
        "location_type": "physical",
        "description": "Call first: the address is given by phone.",
    }


def test_a_service_at_a_location_has_a_name_based_id():
    service_id, location_id = uuid.uuid4(), uuid.uuid4()
    expected = str(uuid.uuid5(service_id, str(location_id)))
    assert service_at_location_id(str(service_id), str(location_id)) == expected


def test_an_opening_period_keeps_its_id_and_another_gets_its_own():
    service_id = str(uuid.uuid4())
    monday = ServiceSchedule(weekday=1, opens_at=datetime.time(9), closes_at=datetime.time(17))
    same = ServiceSchedule(weekday=1, opens_at=datetime.time(9), closes_at=datetime.time(17))
    tuesday = ServiceSchedule(weekday=2, opens_at=datetime.time(9), closes_at=datetime.time(17))
    assert schedule_id(service_id, monday) == schedule_id(service_id, same)
    assert schedule_id(service_id, monday) != schedule_id(service_id, tuesday)
    uuid.UUID(schedule_id(service_id, monday))


def test_minimal_service_holds_what_a_sync_needs():
    moment = datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC)
    service = a_service(status="active")
    data = minimal_service(service, moment, TODAY)
    assert data == {
        "id": str(service.translation_key),
        "name": "Legal counselling",
        "status": "active",
        "last_modified": "2026-05-01T09:00:00Z",
    }


def test_profile_fields_never_tell_whether_a_service_is_internal():
    fields = profile_fields(a_service(is_internal=True, eligible_nationalities="Syrian"))
    assert not any("internal" in name for name in fields)
    assert fields["iswg_eligible_nationalities"] == "Syrian"
