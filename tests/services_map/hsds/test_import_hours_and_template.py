"""Opening hours as agencies type them in the spreadsheet, and the committed template."""

import datetime

import pytest
from openpyxl import load_workbook

from services_map.hsds.importing.columns import COLUMN_KEYS
from services_map.hsds.importing.hours import HoursError, format_hours, parse_hours
from services_map.hsds.importing.template import TEMPLATE_PATH


def at(text):
    return datetime.time.fromisoformat(text)


def test_turkish_day_names_with_a_range_and_saturday_read_as_six_periods():
    periods = parse_hours("Pzt-Cum 09:00-17:00; Cmt 10:00-13:00")
    assert [day for day, _opens, _closes in periods] == [1, 2, 3, 4, 5, 6]
    assert periods[-1] == (6, at("10:00"), at("13:00"))


def test_english_names_a_lunch_break_and_written_out_turkish_days_read_alike():
    english = parse_hours("Mon, Wed 09:00-12:00, 13:00-17:00")
    turkish = parse_hours("PAZARTESİ, çarşamba 9.00-12.00, 13:00-17:00")
    assert english == turkish
    assert (3, at("13:00"), at("17:00")) in english


def test_hours_are_written_back_in_turkish_for_turkish_and_in_english_otherwise():
    periods = parse_hours("1-5 09:00-17:00; 6 10:00-13:00")
    assert format_hours(periods, "tr") == "Pzt-Cum 09:00-17:00; Cmt 10:00-13:00"
    assert format_hours(periods, "ar") == "Mon-Fri 09:00-17:00; Sat 10:00-13:00"


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Pzt-Cum 17:00-09:00", "17:00-09:00"),
        ("Funday 09:00-10:00", "Funday"),
        ("Pzt-Cum 9-17", "Pzt-Cum 9-17"),
    ],
)
def test_unreadable_hours_name_the_part_that_cannot_be_read(text, part):
    with pytest.raises(HoursError) as error:
        parse_hours(text)
    assert error.value.part == part


def test_the_committed_template_has_the_columns_the_import_reads():
    workbook = load_workbook(TEMPLATE_PATH, read_only=True)
    headers = next(workbook["Services"].iter_rows(values_only=True))
    assert list(headers) == COLUMN_KEYS
    assert "Codes" in workbook.sheetnames
