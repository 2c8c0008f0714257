"""Editing the directory in the Wagtail admin: tabs, validation, and who sees which reports."""

import pytest

from services_map.models import ProblemReport, ServicePage
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def add_url(agency):
    return f"/admin/pages/add/services_map/servicepage/{agency.pk}/"


def test_service_form_groups_fields_in_tabs(admin_client, asam):
    html = admin_client.get(add_url(asam)).content.decode()
    for tab in ("Service", "Access", "Where and when", "Contact"):
        assert f">{tab}<" in html or f"{tab}\n" in html


def test_service_form_explains_fields_to_a_focal_point(admin_client, asam):
    html = admin_client.get(add_url(asam)).content.decode()
    assert "as a taxi driver would need" in html


def test_valid_service_is_saved(admin_client, asam):
    response = admin_client.post(add_url(asam), build.service_admin_form())
    assert response.status_code == 302
    assert ServicePage.objects.filter(title="Legal aid desk").exists()


def test_district_of_another_province_is_refused_and_nothing_is_saved(admin_client, asam):
    bodrum = build.district("mugla", "Bodrum")
    response = admin_client.post(add_url(asam), build.service_admin_form(district=bodrum.pk))
    assert response.status_code == 200
    assert "is not a district of İzmir" in response.content.decode()
    assert not ServicePage.objects.filter(title="Legal aid desk").exists()


def test_coordinates_outside_the_province_are_refused(admin_client, asam):
    response = admin_client.post(
        add_url(asam), build.service_admin_form(latitude="36.8969", longitude="30.7")
    )
    assert "These coordinates are not in İzmir" in response.content.decode()
    assert not ServicePage.objects.filter(title="Legal aid desk").exists()


def test_choosing_a_type_of_service_files_it_under_its_sector_too(admin_client, asam):
    health = build.category("Health")
    mhpss = build.category("Psychosocial support", parent=health)
    data = build.service_admin_form()
    data["categories"] = [str(mhpss.pk)]
    admin_client.post(add_url(asam), data)
    page = ServicePage.objects.get(title="Legal aid desk")
    assert set(page.categories.values_list("slug", flat=True)) == {
        "health",
        "psychosocial-support",
    }


@pytest.fixture
def two_agencies_reports(directory):
    asam = build.agency(directory, "ASAM", "ASAM")
    other = build.agency(directory, "Other NGO", "ONG")
    own = ProblemReport.objects.create(
        service=build.service(asam, "ASAM legal desk"), kind="wrong_phone"
    )
    foreign = ProblemReport.objects.create(
        service=build.service(other, "Other NGO kitchen"), kind="closed"
    )
    editor = UserFactory(role="Agency editors", organisation=asam)
    return editor, own, foreign


def test_agency_editor_sees_reports_about_their_own_services(client, two_agencies_reports):
    editor, own, foreign = two_agencies_reports
    client.force_login(editor)
    html = client.get("/admin/snippets/services_map/problemreport/").content.decode()
    assert "ASAM legal desk" in html
    assert "Other NGO kitchen" not in html


def test_agency_editor_cannot_open_another_agencys_report(client, two_agencies_reports):
    editor, own, foreign = two_agencies_reports
    client.force_login(editor)
    response = client.get(f"/admin/snippets/services_map/problemreport/edit/{foreign.pk}/")
    assert response.status_code in (302, 403)
    own_url = f"/admin/snippets/services_map/problemreport/edit/{own.pk}/"
    assert client.get(own_url).status_code == 200


def test_co_chair_sees_every_report(client, two_agencies_reports):
    co_chair = UserFactory(role="Co-chairs")
    client.force_login(co_chair)
    html = client.get("/admin/snippets/services_map/problemreport/").content.decode()
    assert "ASAM legal desk" in html and "Other NGO kitchen" in html
