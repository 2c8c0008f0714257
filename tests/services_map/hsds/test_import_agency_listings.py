"""An agency editor's round trip of ASAM's three listings: the downloaded spreadsheet imports
back unchanged, a service left out of it is listed and not deleted, changed hours and phones wait
for a co-chair's approval, and a listing changed after the dry run shows the new report instead
of applying. (test_import.py imports into a directory without services: these three would be in
the directory of each of its tests.)"""

import io

import pytest
from openpyxl import load_workbook
from wagtail.models import WorkflowState

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from services_map.models import ServicePage
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

from .test_import import APPLY_URL, DOWNLOAD_URL, build_asam, build_taxonomy, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def listings_for_module(module_data):
    """ASAM in English and Turkish (with test_import.py's categories, languages and districts),
    its three services in Buca, Konak and Bornova with hours and a phone each, its focal point
    and a co-chair, built once for the module: each test reads them anew, and what it changes
    rolls back with it."""
    directory = build.directory_page()
    build_taxonomy()
    asam = build_asam(directory)
    UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    legal = build.service(
        asam,
        "Legal counselling",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
        schedules=build.weekdays("09:00", "18:00"),
        phones=("+90 232 420 63 18",),
    )
    mhpss = build.service(
        asam,
        "Psychosocial support",
        place=("izmir", "Konak"),
        schedules=build.weekdays("09:00", "17:00"),
        phones=("+90 232 000 00 10",),
    )
    shelter = build.service(
        asam,
        "Safe space",
        place=("izmir", "Bornova"),
        coordinates=(38.4697, 27.2164),
        schedules=build.weekdays("10:00", "16:00"),
        phones=("+90 232 000 00 11",),
    )
    editor = UserFactory(email="focal@asam.example", role=AGENCY_EDITORS, organisation=asam)
    listings = {"legal": legal, "mhpss": mhpss, "shelter": shelter, "editor": editor}
    return {"asam": asam, "listings": listings}


@pytest.fixture
def asam(listings_for_module):
    """ASAM in English and Turkish, with its three services."""
    return read_again(listings_for_module["asam"])


@pytest.fixture
def asam_listings(listings_for_module):
    """ASAM's three services and its focal point: {"legal", "mhpss", "shelter", "editor"}."""
    return read_again(listings_for_module["listings"])


def edited_download(client, asam, changes):
    """The agency's listings as downloaded, with `changes` ({(service title, column): value})
    typed into the sheet."""
    download = client.get(DOWNLOAD_URL, {"agency": str(asam.translation_key)})
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(download.content))
    sheet = workbook["Services"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        title = row[headers.index("name_en")].value
        for (service, column), value in changes.items():
            if service == title:
                row[headers.index(column)].value = value
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_the_agency_editor_changes_two_hours_and_a_phone_and_they_wait_for_approval(
    client, asam, asam_listings
):
    listings = asam_listings
    client.force_login(listings["editor"])
    content = edited_download(
        client,
        asam,
        {
            ("Legal counselling", "hours"): "Mon-Fri 09:00-17:00",
            ("Psychosocial support", "hours"): "Mon-Fri 09:00-17:00; Sat 10:00-13:00",
            ("Safe space", "phones"): "+90 232 999 88 77",
        },
    )

    report = upload(client, content)

    plan = report.context["plan"]
    changes = {
        (service.name, change.column, change.before, change.after)
        for service in plan.updated
        for change in service.changes
    }
    assert changes == {
        ("Legal counselling", "hours", "Mon-Fri 09:00-18:00", "Mon-Fri 09:00-17:00"),
        (
            "Psychosocial support",
            "hours",
            "Mon-Fri 09:00-17:00",
            "Mon-Fri 09:00-17:00; Sat 10:00-13:00",
        ),
        ("Safe space", "phones", "+90 232 000 00 11", "+90 232 999 88 77"),
    }
    assert not plan.new and not plan.problems and not plan.missing

    client.post(APPLY_URL, {"token": report.context["token"]})

    for key in ("legal", "mhpss", "shelter"):
        page = ServicePage.objects.get(pk=listings[key].pk)
        assert page.has_unpublished_changes
        state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
        assert state.requested_by == listings["editor"]
        assert state.current_task_state.task.name == "Co-chairs approve"
    legal = ServicePage.objects.get(pk=listings["legal"].pk)
    assert {s.closes_at.hour for s in legal.schedules.all()} == {18}
    draft = legal.get_latest_revision_as_object()
    assert {s.closes_at.hour for s in draft.schedules.all()} == {17}
    assert draft.get_latest_revision().user == listings["editor"]


def test_the_downloaded_listings_import_back_unchanged(client, asam, asam_listings):
    client.force_login(asam_listings["editor"])
    report = upload(client, edited_download(client, asam, {}))
    assert "New: 0. Updated: 0. Unchanged: 3." in report.context["report_text"]


def test_a_service_left_out_of_the_file_is_listed_and_not_deleted(client, asam, asam_listings):
    client.force_login(asam_listings["editor"])
    content = edited_download(client, asam, {})
    workbook = load_workbook(io.BytesIO(content))
    workbook["Services"].delete_rows(2)
    stream = io.BytesIO()
    workbook.save(stream)
    report = upload(client, stream.getvalue())
    missing = report.context["plan"].missing
    assert len(missing) == 1
    assert (
        "In the directory but not in the file (nothing is deleted)" in report.context["report_text"]
    )


def test_a_listing_changed_after_the_dry_run_shows_the_new_report_instead_of_applying(
    client, asam, asam_listings
):
    client.force_login(asam_listings["editor"])
    content = edited_download(client, asam, {("Legal counselling", "hours"): "Mon-Fri 09:00-17:00"})
    report = upload(client, content)
    legal = ServicePage.objects.get(pk=asam_listings["legal"].pk)
    legal.phones.all().delete()
    legal.save_revision().publish()

    response = client.post(APPLY_URL, {"token": report.context["token"]})

    assert response.status_code == 409
    assert "phones: – → +90 232 420 63 18" in response.context["report_text"]
    assert not ServicePage.objects.get(pk=legal.pk).has_unpublished_changes
    assert response.context["token"]
