"""Agencies' spreadsheets in and out: the filled template imports, mistakes are named by row and
column and stop everything, and nobody imports another agency's services.

An agency editor's round trip of ASAM's own listings has a module of its own
(test_import_agency_listings.py): its three services would be in the directory of every test
here, which imports into a directory without services."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Locale, PageLogEntry, Revision

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from services_map.hsds.importing import applying
from services_map.hsds.importing.applying import IMPORT_ACTION
from services_map.hsds.importing.template import write_workbook
from services_map.models import ServicePage
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/services/import/"
APPLY_URL = "/admin/services/import/apply/"
DOWNLOAD_URL = "/admin/services/listings.xlsx"


def build_taxonomy():
    """The categories, languages and districts the five services name."""
    protection = build.category("Protection")
    build.category("Legal aid", parent=protection, slug="legal-aid")
    build.category("Health")
    for code, name in (("ar", "Arabic"), ("tr", "Turkish"), ("fa", "Persian"), ("en", "English")):
        build.language(code, name)
    for province, district in (("izmir", "Buca"), ("izmir", "Konak"), ("izmir", "Bornova")):
        build.district(province, district)
    build.district("mugla", "Bodrum")


def build_asam(directory):
    """ASAM, published in English and Turkish."""
    page = build.agency(directory, "Association for Solidarity with Asylum Seekers", "ASAM")
    turkish = page.copy_for_translation(Locale.objects.get(language_code="tr"))
    turkish.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def asam_for_module(module_data):
    """The directory with the categories, languages and districts the five services name, and
    ASAM in English and Turkish without any service, built once for the module: each test
    reads them anew, and what it changes rolls back with it."""
    directory = build.directory_page()
    build_taxonomy()
    return {"directory": directory, "asam": build_asam(directory)}


@pytest.fixture
def directory(asam_for_module):
    """The directory of the module's ASAM (in place of tests/services_map/conftest.py's)."""
    return read_again(asam_for_module["directory"])


@pytest.fixture
def asam(asam_for_module):
    """ASAM in English and Turkish, without any service."""
    return read_again(asam_for_module["asam"])


@pytest.fixture
def co_chair(db):
    return UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)


def five_services():
    """The template filled with five services, as an agency's focal point fills it."""
    common = {
        "agency": "ASAM",
        "status": "active",
        "province": "İzmir",
        "address": "Menderes Cad. No: 89",
        "languages": "ar; tr",
        "access": "walk_in",
        "fees": "free",
        "internal": "no",
        "protection_sensitive": "hayır",
    }
    return [
        {
            **common,
            "name_en": "Legal counselling – Buca",
            "name_tr": "Hukuki danışmanlık – Buca",
            "summary_en": "Free advice from lawyers.",
            "category": "protection; legal-aid",
            "district": "Buca",
            "latitude": "38.3881",
            "longitude": "27.1753",
            "phones": "+90 232 449 44 30",
            "hours": "Pzt-Cum 09:00-17:00; Cmt 10:00-13:00",
        },
        {
            **common,
            "name_en": "Psychosocial support – Konak",
            "description_en": "Individual and group sessions with a psychologist.",
            "category": "health",
            "district": "Konak",
            "latitude": "38.4189",
            "longitude": "27.1287",
            "phones": "+90 232 000 00 01",
            "hours": "Mon-Fri 09:00-12:00, 13:00-17:00",
        },
        {
            **common,
            "name_en": "Women's safe space – Bornova",
            "summary_en": "A safe place for women and girls.",
            "category": "protection",
            "district": "Bornova",
            "latitude": "38.4697",
            "longitude": "27.2164",
            "phones": "+90 232 000 00 02",
            "hours": "Sal, Per 10:00-16:00",
            "population_groups": "women-at-risk",
        },
        {
            **common,
            "name_en": "Health mediation – Bodrum",
            "summary_en": "Interpreters at the hospital.",
            "category": "health",
            "province": "Muğla",
            "district": "Bodrum",
            "latitude": "37.0344",
            "longitude": "27.4305",
            "phones": "+90 252 000 00 03",
            "hours": "Pzt-Cum 08:30-16:30",
            "languages": "ar; fa",
        },
        {
            **common,
            "name_en": "Child protection case management – Konak",
            "summary_en": "Case workers for children at risk.",
            "category": "protection",
            "district": "Konak",
            "latitude": "38.4189",
            "longitude": "27.1287",
            "phones": "+90 232 000 00 04",
            "hours": "Pzt-Cum 09:00-17:00",
            "population_groups": "children",
        },
    ]


def workbook_bytes(rows, language="en"):
    stream = io.BytesIO()
    write_workbook(stream, rows, language)
    return stream.getvalue()


def upload(client, content, name="services.xlsx", **data):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **data})


def import_file(tmp_path, content, *args, name="services.xlsx"):
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_hsds", str(path), *args, stdout=out)
    return out.getvalue()


def with_three_mistakes():
    rows = five_services()
    rows[1]["district"] = "Bornova"  # row 3: Bornova is in İzmir, not Muğla
    rows[1]["province"] = "Muğla"
    rows[2]["hours"] = "Pzt-Cum 9-17"  # row 4
    rows[4]["languages"] = "ar; xx"  # row 6
    return rows


# --- The filled template ---------------------------------------------------------------------


def test_the_template_filled_with_five_services_imports_them_published(client, asam, co_chair):
    client.force_login(co_chair)
    report = upload(client, workbook_bytes(five_services()))
    assert report.status_code == 200
    text = report.context["report_text"]
    assert (
        "New: 5. Updated: 0. Unchanged: 0. In the directory but not in the file: 0. Errors: 0."
        in text
    )
    assert "Dry run: nothing has been changed." in text
    assert not ServicePage.objects.filter(title__endswith="– Buca").exists()

    applied = client.post(APPLY_URL, {"token": report.context["token"]})

    assert applied.status_code == 200
    live = ServicePage.objects.live().filter(locale__language_code="en")
    assert live.count() == 5
    legal = live.get(title="Legal counselling – Buca")
    assert sorted(c.slug for c in legal.categories.all()) == ["legal-aid", "protection"]
    assert [p.number for p in legal.phones.all()] == ["+90 232 449 44 30"]
    assert legal.schedules.count() == 6
    assert legal.locations.get().district.name == "Buca"
    turkish = ServicePage.objects.get(
        translation_key=legal.translation_key, locale__language_code="tr"
    )
    assert turkish.title == "Hukuki danışmanlık – Buca"
    assert "Legal counselling – Buca" in Client().get(legal.url).content.decode()


def test_the_import_is_written_in_the_agencys_history(client, asam, co_chair):
    client.force_login(co_chair)
    report = upload(client, workbook_bytes(five_services()))
    client.post(APPLY_URL, {"token": report.context["token"]})
    entry = PageLogEntry.objects.get(action=IMPORT_ACTION)
    assert entry.page_id == asam.pk
    assert entry.user_id == co_chair.pk
    assert entry.data["sha256"] == report.context["plan"].sha256
    assert entry.data["new"] == 5


def test_importing_the_same_file_again_changes_nothing(client, asam, co_chair):
    client.force_login(co_chair)
    report = upload(client, workbook_bytes(five_services()))
    client.post(APPLY_URL, {"token": report.context["token"]})
    again = upload(client, workbook_bytes(five_services()))
    assert "New: 0. Updated: 0. Unchanged: 5." in again.context["report_text"]
    assert "matched by agency and exact name" in again.context["report_text"]
    assert again.context["token"] == ""


# --- Mistakes --------------------------------------------------------------------------------


def test_three_planted_mistakes_are_named_by_row_and_column(client, asam, co_chair):
    client.force_login(co_chair)
    report = upload(client, workbook_bytes(with_three_mistakes()))
    problems = [str(problem) for problem in report.context["plan"].problems]
    assert problems == [
        "row 3, district: Bornova is not a district of Muğla.",
        "row 4, hours: cannot read 'Pzt-Cum 9-17'; write the hours like "
        "'Pzt-Cum 09:00-17:00; Cmt 10:00-13:00'.",
        "row 6, languages: 'xx' is not a known language code.",
    ]
    assert report.context["token"] == ""
    assert "Apply" not in report.content.decode().split("import-report__text")[-1]


def test_applying_the_file_with_mistakes_changes_nothing_until_they_are_fixed(tmp_path, asam):
    with pytest.raises(CommandError):
        import_file(tmp_path, workbook_bytes(with_three_mistakes()), "--apply")
    assert not ServicePage.objects.exists()
    assert not Revision.objects.filter(
        base_content_type__model="page", object_str__contains="–"
    ).exists()

    out = import_file(tmp_path, workbook_bytes(five_services()), "--apply")

    assert "New: 5." in out
    assert ServicePage.objects.live().filter(locale__language_code="en").count() == 5


def test_an_error_in_the_last_row_leaves_the_database_untouched(tmp_path, asam):
    rows = five_services()
    rows[-1]["latitude"] = "36.0"  # not in İzmir
    with pytest.raises(CommandError):
        import_file(tmp_path, workbook_bytes(rows), "--apply")
    assert not ServicePage.objects.exists()


def test_a_service_refused_while_saving_the_last_row_undoes_the_four_before(
    tmp_path, asam, monkeypatch
):
    finish = applying._finish
    saved = []

    def fail_on_the_fifth(page, user, outcome):
        saved.append(page.title)
        if len(saved) == 5:
            raise ValidationError("The last service could not be saved.")
        finish(page, user, outcome)

    monkeypatch.setattr(applying, "_finish", fail_on_the_fifth)
    rows = [
        {key: value for key, value in row.items() if key != "name_tr"} for row in five_services()
    ]
    with pytest.raises(CommandError):
        import_file(tmp_path, workbook_bytes(rows), "--apply")
    assert len(saved) == 5
    assert not ServicePage.objects.exists()
    assert not PageLogEntry.objects.filter(action=IMPORT_ACTION).exists()


def test_a_windows_1254_csv_with_semicolons_reads_turkish_letters(tmp_path, asam):
    content = (
        "agency;name_en;name_tr;summary_en;province;district;address;hours\n"
        "ASAM;Legal desk;Hukuk masası;Advice.;İzmir;Bornova;Kazımdirik Mah.;Pzt-Cum 09:00-17:00\n"
    ).encode("cp1254")
    out = import_file(tmp_path, content, name="hizmetler.csv")
    assert "New: 1." in out
    assert "Errors: 0." in out
    assert "address: – → Kazımdirik Mah." in out


def test_a_workbook_with_macros_is_refused_with_a_400(client, asam, co_chair):
    client.force_login(co_chair)
    response = upload(client, workbook_bytes(five_services()), name="services.xlsm")
    assert response.status_code == 400
    assert "(.xlsm) are not accepted" in response.content.decode()


def test_a_file_of_more_than_5000_rows_is_refused_with_a_400(client, asam, co_chair):
    client.force_login(co_chair)
    content = ("agency,name_en\n" + "ASAM,Desk\n" * 5001).encode()
    response = upload(client, content, name="big.csv")
    assert response.status_code == 400
    assert "more than 5,000 rows" in response.content.decode()


# --- Who may import what ---------------------------------------------------------------------


@pytest.fixture
def other_editor(directory):
    other = build.agency(directory, "Support to Life", "STL")
    return UserFactory(email="focal@stl.example", role=AGENCY_EDITORS, organisation=other)


def test_an_editor_of_another_agency_cannot_download_asams_listings(client, asam, other_editor):
    client.force_login(other_editor)
    response = client.get(DOWNLOAD_URL, {"agency": str(asam.translation_key)})
    assert response.status_code == 403


def test_an_editor_of_another_agency_cannot_import_into_asam(client, asam, other_editor):
    client.force_login(other_editor)
    response = upload(client, workbook_bytes(five_services()), agency=str(asam.translation_key))
    assert response.status_code == 403
    assert not ServicePage.objects.exists()


def test_rows_of_another_agency_are_errors_for_an_agency_editor(client, asam, other_editor):
    client.force_login(other_editor)
    report = upload(client, workbook_bytes(five_services()))
    problems = report.context["plan"].problems
    assert {problem.column for problem in problems} >= {"agency"}
    assert "you may only import the services of your own agency." in str(problems[0])
    assert report.context["token"] == ""


def test_a_member_without_an_agency_cannot_open_the_import(client, asam):
    member = UserFactory(email="member@example.org", role="Members")
    client.force_login(member)
    assert client.get(IMPORT_URL).status_code in (302, 403)
    assert client.get(DOWNLOAD_URL).status_code in (302, 403)


def test_the_apply_button_works_only_for_the_person_who_uploaded(client, asam, co_chair):
    client.force_login(co_chair)
    report = upload(client, workbook_bytes(five_services()))
    other_co_chair = UserFactory(email="cochair@iom.example", role=CO_CHAIRS)
    client.force_login(other_co_chair)
    response = client.post(APPLY_URL, {"token": report.context["token"]})
    assert response.status_code == 400
    assert not ServicePage.objects.exists()


def test_a_turkish_co_chair_reads_the_mistakes_in_turkish(client, asam):
    co_chair = UserFactory(email="esbaskan@unhcr.example", role=CO_CHAIRS, preferred_language="tr")
    client.force_login(co_chair)
    report = upload(client, workbook_bytes(with_three_mistakes()))
    text = report.context["report_text"]
    assert "satır 3, district: Bornova, Muğla ilinin bir ilçesi değil." in text
    assert "satır 6, languages: 'xx' bilinen bir dil kodu değil." in text
    assert "Deneme çalıştırması: hiçbir şey değiştirilmedi." in report.content.decode()


def test_an_agencys_id_in_the_hsds_id_column_is_a_mistake_not_a_new_service(tmp_path, asam):
    rows = five_services()[:1]
    rows[0]["hsds_id"] = str(asam.translation_key)
    out = import_file(tmp_path, workbook_bytes(rows))
    assert "row 2, hsds_id: this id belongs to a page that is not a service." in out


def test_a_service_with_two_places_takes_two_rows_that_must_agree(tmp_path, asam):
    first = five_services()[0]
    second = {
        "agency": "ASAM",
        "name_en": first["name_en"],
        "province": "İzmir",
        "district": "Konak",
        "address": "Anafartalar Cad. No: 402",
        "phones": "+90 232 111 11 11",
    }
    out = import_file(tmp_path, workbook_bytes([first, second]))
    assert "row 3, phones: differs from row 2 of the same service." in out

    del second["phones"]
    import_file(tmp_path, workbook_bytes([first, second]), "--apply")

    service = ServicePage.objects.get(title="Legal counselling – Buca")
    places = sorted(location.district.name for location in service.locations.all())
    assert places == ["Buca", "Konak"]
    assert [phone.number for phone in service.phones.all()] == ["+90 232 449 44 30"]
