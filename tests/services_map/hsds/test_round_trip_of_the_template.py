"""The template spreadsheet filled with five services imports into what its export says. (It
exports the whole directory: test_round_trip.py's rich directory, built once for that module,
would be in the export too.)"""

import json

import pytest
from wagtail.models import Locale

from tests.factories import services_map as build

from .test_import import five_services, import_file, workbook_bytes
from .test_round_trip import compiled

pytestmark = pytest.mark.django_db


def test_the_filled_template_imports_and_its_export_carries_the_same_values(tmp_path, directory):
    protection = build.category("Protection")
    build.category("Legal aid", parent=protection, slug="legal-aid")
    build.category("Health")
    for code, name in (("ar", "Arabic"), ("tr", "Turkish"), ("fa", "Persian")):
        build.language(code, name)
    for province, district in (("izmir", "Buca"), ("izmir", "Konak"), ("izmir", "Bornova")):
        build.district(province, district)
    build.district("mugla", "Bodrum")
    asam = build.agency(directory, "Association for Solidarity with Asylum Seekers", "ASAM")
    asam.copy_for_translation(Locale.objects.get(language_code="tr")).save_revision().publish()
    rows = five_services()

    report = import_file(tmp_path, workbook_bytes(rows), "--apply")

    assert "New: 5." in report and "Errors: 0" in report, report
    exported = {service["name"]: service for service in json.loads(compiled("en")[1])}
    assert sorted(exported) == sorted(row["name_en"] for row in rows)
    for row in rows:
        service = exported[row["name_en"]]
        address = service["service_at_locations"][0]["location"]["addresses"][0]
        location = service["service_at_locations"][0]["location"]
        assert address["city"] == row["district"]
        assert address["state_province"] == row["province"]
        assert address["address_1"] == row["address"]
        assert (str(location["latitude"]), str(location["longitude"])) == (
            row["latitude"],
            row["longitude"],
        )
        assert [phone["number"] for phone in service["phones"]] == [row["phones"]]
        assert [language["code"] for language in service["languages"]] == [
            code.strip() for code in row["languages"].split(";")
        ]
        codes = {attribute["taxonomy_term"]["code"] for attribute in service["attributes"]}
        expected = {code.strip() for code in row["category"].split(";")}
        expected |= {code.strip() for code in row.get("population_groups", "").split(";") if code}
        assert codes == expected
        assert service["status"] == "active"
        assert service["fees_description"].startswith("Free of charge")
        assert service["application_process"].startswith("Walk in.")
        text = row.get("summary_en") or row.get("description_en")
        assert text in service["description"]
    legal = exported["Legal counselling – Buca"]
    assert sorted(
        (period["byday"], period["opens_at"], period["closes_at"]) for period in legal["schedules"]
    ) == sorted(
        [(day, "09:00", "17:00") for day in ("MO", "TU", "WE", "TH", "FR")]
        + [("SA", "10:00", "13:00")]
    )
