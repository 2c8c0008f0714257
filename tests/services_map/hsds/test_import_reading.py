"""Reading the files agencies send: what Excel saves is read, anything else is refused whole
with a plain reason and never a server error."""

import io

import pytest
from openpyxl import Workbook

from services_map.hsds.importing.reading import MAX_BYTES, ImportRefused, read_sheet


def test_a_utf8_csv_with_a_byte_order_mark_and_commas_reads_its_headers_and_rows():
    content = "\ufeffagency,name_tr,Postal Code\nASAM,Hukuk masası,35390\n".encode()
    sheet = read_sheet("hizmetler.csv", content)
    assert sheet.headers == ["agency", "name_tr", "postal_code"]
    assert sheet.rows == [
        (2, {"agency": "ASAM", "name_tr": "Hukuk masası", "postal_code": "35390"})
    ]


def test_a_phone_excel_took_for_a_number_reads_without_a_decimal_point():
    workbook = Workbook()
    workbook.active.append(["agency", "phones", "latitude"])
    workbook.active.append(["ASAM", 905320000000.0, 38.4189])
    stream = io.BytesIO()
    workbook.save(stream)
    sheet = read_sheet("services.xlsx", stream.getvalue())
    assert sheet.rows[0][1] == {"agency": "ASAM", "phones": "905320000000", "latitude": "38.4189"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("services.xlsx", b"not a zip at all", "cannot be opened as an .xlsx"),
        ("services.csv", b"agency,name_en\nASAM,Desk\x00\n", "cannot be read as a spreadsheet"),
        ("services.ods", b"agency\n", "as an .xlsx or a .csv file"),
        ("services.csv", b"\n\n", "The file is empty"),
        ("services.csv", b"a" * (MAX_BYTES + 1), "larger than 10 MB"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_its_reason(name, content, reason):
    with pytest.raises(ImportRefused) as refused:
        read_sheet(name, content)
    assert reason in str(refused.value)
