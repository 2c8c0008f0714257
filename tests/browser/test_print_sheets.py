"""The printed sheets as a mukhtar's office prints them: Chromium's print to PDF on A4, then the
paper read back. Every phone number and opening time on the Arabic and Persian sheets is read
by OCR whole, on one line, left to right; every QR code decodes; Buca with its province's
services fits one page and the whole of İzmir five at most; each page carries the place, the
day and its number.

The sheets are printed once for the module from the whole demo (its İzmir services with their
Arabic and Persian translations, its helplines); each test reads the paper it needs."""

import re

import pytest

from tests.browser import printing
from tests.conftest import DEMO_GROUP, demo_site

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group(DEMO_GROUP)]

# Each sheet: its address (the district filled in once the data exists) and the trained data
# tesseract reads it with, when its numbers are read back.
SHEETS = {
    "ar-izmir": ("/ar/services/print/?province=izmir", ("ar", "en")),
    "fa-izmir": ("/fa/services/print/?province=izmir", ("fa", "en")),
    "tr-izmir": ("/tr/services/print/?province=izmir", None),
    "tr-buca": ("/tr/services/print/?district={buca}", None),
    "tr-ar-buca": ("/tr/services/print/?district={buca}&also=ar", ("tr", "ar")),
}
# Words and numbers of a line, without punctuation.
WORDS = re.compile(r"\d+|[^\W\d]+")
# The page margin the page number stands in (services/print/page.css).
BOTTOM_MARGIN_MM = 11


def numbers_on_the_sheet():
    """What the İzmir sheets must show whole: every phone number of the province's public
    services, each week's opening times as the sheet prints them, and the helplines."""
    from services_map.models import District, Helpline, ServicePage, ServicePhone
    from services_map.queries import attach_schedules

    public = list(
        ServicePage.objects.listed_for(None)
        .filter(locale__language_code="en", locations__province__slug="izmir")
        .distinct()
    )
    attach_schedules(public)
    phones = set(ServicePhone.objects.filter(page__in=public).values_list("number", flat=True))
    hours = {hours for service in public for _days, hours in service.print_hours}
    buca = District.objects.get(province__slug="izmir", name="Buca")
    helplines = set(Helpline.objects.values_list("number", flat=True))
    return {"phones": phones, "hours": hours, "helplines": helplines, "buca": buca.pk}


@pytest.fixture(scope="module")
def paper(django_db_setup, django_db_blocker, live_server, chromium, tmp_path_factory):
    """Each sheet printed to PDF and rendered page by page: {name: {"pdf", "images", "url"}},
    and "expected": the numbers the İzmir sheets must show."""
    for tool in printing.TOOLS:
        printing.require(tool)
    printing.require_ocr_languages("ar", "fa", "tr", "en")
    folder = tmp_path_factory.mktemp("sheets")
    printed = {}
    # The live server answers the browser with the test's database access, opened here.
    with django_db_blocker.unblock():
        demo_site()
        printed["expected"] = expected = numbers_on_the_sheet()
        context = chromium.new_context(service_workers="block")
        page = context.new_page()
        for name, (path, _languages) in SHEETS.items():
            url = live_server.url + path.format(buca=expected["buca"])
            pdf = printing.print_to_pdf(page, url, folder / f"{name}.pdf")
            printed[name] = {
                "pdf": pdf,
                "images": printing.render_pages(pdf),
                "url": url,
                # What the sheet's HTML holds: its services' own pages, its numbers.
                "service_urls": page.locator(".print-entry__qr figcaption").all_inner_texts(),
                "numbers": set(page.locator("bdi.print-number").all_inner_texts()),
            }
    context.close()
    return printed


def unread_numbers(paper, name, numbers=None):
    """The numbers of the İzmir sheets (or these numbers) that OCR does not read whole on this
    sheet's pages."""
    expected = paper["expected"]
    if numbers is None:
        numbers = expected["phones"] | expected["hours"] | expected["helplines"]
    languages = printing.require_ocr_languages(*SHEETS[name][1])
    sheet = paper[name]
    found = printing.numbers_read_whole(
        numbers, sheet["images"], languages, printing.pdf_text(sheet["pdf"])
    )
    return sorted(number for number, whole in found.items() if not whole)


def test_every_number_on_the_arabic_sheet_reads_whole_and_left_to_right(paper):
    assert len(paper["expected"]["phones"]) >= 30
    assert unread_numbers(paper, "ar-izmir") == []


def test_every_number_on_the_persian_sheet_reads_whole_and_left_to_right(paper):
    assert unread_numbers(paper, "fa-izmir") == []


def test_buca_with_its_provinces_services_prints_on_one_a4_page(paper):
    pdf = paper["tr-buca"]["pdf"]
    assert printing.pdf_info(pdf)["Page size"].endswith("(A4)")
    assert printing.page_count(pdf) == 1
    text = printing.pdf_text(pdf)[0]
    assert "Buca, İzmir için de: tüm ile hizmet verenler" in text
    # Registration in Konak and the Bar's legal aid in Bayraklı serve Buca too.
    assert "Kayıt ve koruma başvuruları – İzmir" in text
    assert "Baro adli yardım bürosu" in text


@pytest.mark.parametrize("name", ["tr-izmir", "ar-izmir", "fa-izmir"])
def test_the_whole_province_prints_on_five_pages_at_most_none_half_empty(paper, name):
    images = paper[name]["images"]
    assert len(images) <= 5
    for image in images[:-1]:
        assert printing.blank_bottom(image, BOTTOM_MARGIN_MM) < 0.15, image.name


@pytest.mark.parametrize(
    ("name", "language", "page_number"),
    [
        ("tr-izmir", "tr", "Sayfa {page} / {pages}"),
        ("ar-izmir", "ar", "الصفحة {page} من {pages}"),
    ],
)
def test_each_page_is_headed_with_place_and_day_and_numbered(paper, name, language, page_number):
    import unicodedata

    from django.utils import timezone, translation
    from django.utils.formats import date_format

    today = timezone.localdate()
    with translation.override(language):
        month = date_format(today, "F")
    pages = printing.pdf_text(paper[name]["pdf"])
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        # pdftotext keeps the bidirectional marks; the words are what the page shows.
        shown = "".join(c for c in text if unicodedata.category(c) != "Cf")
        lines = [" ".join(line.split()) for line in shown.strip().splitlines() if line.strip()]
        assert "İzmir" in lines[0]
        assert str(today.year) in lines[0]
        assert month in lines[0]
        # The words and numbers of "page 2 of 4": pdftotext guesses their order and spacing in
        # right-to-left text, so they are compared as a set.
        wanted = page_number.format(page=number, pages=len(pages))
        assert sorted(WORDS.findall(lines[-1])) == sorted(WORDS.findall(wanted))


@pytest.mark.parametrize("name", ["tr-buca", "ar-izmir", "tr-ar-buca"])
def test_every_qr_code_on_the_sheet_decodes_to_a_service_or_the_live_search(paper, name):
    from urllib.parse import urlsplit

    sheet = paper[name]
    # One code for each service on the sheet and one for the same search on the portal.
    codes = printing.qr_codes(sheet["pdf"], printed=len(sheet["service_urls"]) + 1)
    language = urlsplit(sheet["url"]).path.split("/")[1]
    search = [code for code in codes if urlsplit(code).path == f"/{language}/services/"]
    # The same search on the portal, in the sheet's language, once.
    assert len(search) == 1
    assert urlsplit(search[0]).query == urlsplit(sheet["url"]).query.replace("&also=ar", "")
    # And each service's own page, every one of them read.
    services = sorted(code for code in codes if code not in search)
    assert len(sheet["service_urls"]) >= 10
    assert services == sorted(sheet["service_urls"])


def test_the_two_language_sheet_reads_its_numbers_left_to_right(paper):
    sheet = paper["tr-ar-buca"]
    assert printing.page_count(sheet["pdf"]) <= 2
    text = " ".join(printing.pdf_text(sheet["pdf"]))
    assert "Mülteci Destek Masası – Buca" in text
    assert "مكتب دعم اللاجئين" in text or "العنوان" in text
    expected = paper["expected"]
    numbers = (expected["phones"] | expected["hours"]) & sheet["numbers"]
    assert len(numbers) >= 10
    assert unread_numbers(paper, "tr-ar-buca", numbers) == []
