"""The print sheet: a district's services on A4 with QR codes, nothing hidden shown.

The tests that count a sheet's services or queries, or look at a whole province's sheet for
what no service of it may show, have a module of their own (test_print_own_services.py): the
desk every test here finds in Buca would be on their sheets too."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Locale

from services_map.models import ServicePage
from tests.conftest import read_again
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

PRINT_URL = "/en/services/print/"


def in_district(name):
    """The print sheet's query for one district of İzmir, as the search page links it."""
    return {"district": build.district("izmir", name).pk}


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture(scope="module")
def buca_for_module(module_data):
    """ASAM and its Refugee Support Desk in Buca, with a phone and weekday hours, built once for
    the module: each test reads them anew, and what it changes rolls back with it."""
    directory = build.directory_page()
    asam = build.agency(directory)
    buca_desk = build.service(
        asam,
        "Refugee Support Desk",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
        phones=("+90 232 449 44 30",),
        schedules=build.weekdays("09:00", "17:00"),
    )
    return {"directory": directory, "asam": asam, "buca_desk": buca_desk}


@pytest.fixture
def directory(buca_for_module):
    """The directory of the module's desk (in place of tests/services_map/conftest.py's)."""
    return read_again(buca_for_module["directory"])


@pytest.fixture
def asam(buca_for_module):
    """The agency of the module's desk (in place of tests/services_map/conftest.py's)."""
    return read_again(buca_for_module["asam"])


@pytest.fixture
def buca_desk(buca_for_module):
    """The Refugee Support Desk in Buca: the one service in the directory that every test of
    the module finds there, whether it asks for it or not."""
    return read_again(buca_for_module["buca_desk"])


@pytest.fixture
def konak_clinic(asam):
    return build.service(asam, "Migrant Health Centre Basmane", place=("izmir", "Konak"))


def test_print_sheet_lists_the_services_of_the_chosen_district(client, buca_desk, konak_clinic):
    html = text_of(client.get(PRINT_URL, in_district("Buca")))
    assert "Refugee Support Desk" in html
    assert "Migrant Health Centre Basmane" not in html


def test_print_sheet_is_titled_with_the_place(client, buca_desk):
    assert "Services for refugees in Buca, İzmir" in text_of(
        client.get(PRINT_URL, in_district("Buca"))
    )


def test_print_sheet_shows_address_phone_and_hours(client, buca_desk):
    html = text_of(client.get(PRINT_URL, in_district("Buca")))
    assert "Atatürk Caddesi No: 1, Buca, İzmir" in strip_tags(html)
    assert "+90 232 449 44 30" in html
    assert "Mon–Fri" in html
    assert "09:00–17:00" in html


def test_each_service_has_a_qr_code_of_its_page(client, buca_desk):
    html = client.get(PRINT_URL, in_district("Buca")).content.decode()
    assert html.count('<figure class="print-entry__qr">') == 1
    assert f"http://testserver{buca_desk.get_url()}" in html


def test_print_sheet_has_the_a4_print_stylesheet(client, buca_desk):
    html = client.get(PRINT_URL, in_district("Buca")).content.decode()
    assert '<link rel="stylesheet" href="/static/css/portal.css">' in html
    # The print rules are in the site's one stylesheet: no request more for them.
    stylesheet = Path(finders.find("css/portal.css")).read_text()
    print_rules = stylesheet[stylesheet.index("@media print {") :]
    assert "@page { size: A4; margin: 15mm; }" in print_rules


def test_print_sheet_filters_by_province(client, asam, buca_desk):
    build.service(asam, "Muğla legal counselling", place=("mugla", "Menteşe"))
    html = text_of(client.get(PRINT_URL, {"province": "mugla"}))
    assert "Muğla legal counselling" in html
    assert "Refugee Support Desk" not in html


def test_print_sheet_filters_by_language(client, asam, buca_desk):
    arabic = build.language("ar", "Arabic")
    build.service(asam, "Arabic-speaking clinic", languages=[arabic], place=("izmir", "Buca"))
    html = text_of(client.get(PRINT_URL, {**in_district("Buca"), "language": "ar"}))
    assert "Arabic-speaking clinic" in html
    assert "Refugee Support Desk" not in html


def test_print_sheet_leaves_out_internal_services(client, asam):
    build.service(asam, "Resettlement referrals", is_internal=True, place=("izmir", "Buca"))
    assert "Resettlement referrals" not in text_of(client.get(PRINT_URL, in_district("Buca")))


def test_print_sheet_leaves_out_ended_services(client, asam):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    build.service(asam, "Winter clothes", end_date=yesterday, place=("izmir", "Buca"))
    assert "Winter clothes" not in text_of(client.get(PRINT_URL, in_district("Buca")))


def test_print_sheet_leaves_out_closed_services(client, asam):
    build.service(asam, "Old office", status=ServicePage.Status.CLOSED, place=("izmir", "Buca"))
    assert "Old office" not in text_of(client.get(PRINT_URL, in_district("Buca")))


def test_print_sheet_leaves_out_unpublished_services(client, asam):
    build.service(asam, "Draft service", publish=False, place=("izmir", "Buca"))
    assert "Draft service" not in text_of(client.get(PRINT_URL, in_district("Buca")))


def test_print_sheet_in_turkish_lists_the_turkish_translation(client, buca_desk):
    translation = buca_desk.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    translation.title = "Mülteci Destek Masası"
    translation.save_revision().publish()
    html = text_of(client.get("/tr/services/print/", in_district("Buca")))
    assert "Mülteci Destek Masası" in html
    assert "Refugee Support Desk" not in html


def test_print_sheet_in_turkish_falls_back_to_the_original(client, buca_desk):
    html = text_of(client.get("/tr/services/print/", in_district("Buca")))
    assert "Refugee Support Desk" in html


@pytest.mark.parametrize(
    "params",
    [
        {"district": "999999"},
        {"district": "atlantis"},
        {"province": "nowhere"},
        {"category": "no-such-category"},
        {"language": "<script>"},
    ],
)
def test_unknown_filter_values_are_left_out_with_a_clear_message(client, buca_desk, params):
    response = client.get(PRINT_URL, params)
    assert response.status_code == 200
    assert "was not understood and was left out" in text_of(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "legal\x00counselling"},
        {"district": "1\x00"},
        {"language": "ar" * 50},
        {"free": "maybe"},
        {"page": "-1"},
    ],
)
def test_hostile_parameters_never_cause_a_server_error(client, buca_desk, params):
    assert client.get(PRINT_URL, params).status_code in {200, 400}


def test_print_sheet_without_a_place_asks_which_province_to_print(client, buca_desk):
    build.province("mugla")
    response = client.get(PRINT_URL)
    assert response.status_code == 200
    html = text_of(response)
    assert "Choose the province to print" in html
    assert '<input type="radio" name="province" value="izmir" required> İzmir' in html
    assert '<input type="radio" name="province" value="mugla" required> Muğla' in html
    # No sheet of the whole region: no services, no QR codes.
    assert "Refugee Support Desk" not in html
    assert "qr-code" not in html


def test_province_chooser_keeps_the_other_filters_of_the_search(client, asam, buca_desk):
    arabic = build.language("ar", "Arabic")
    build.service(asam, "Arabic-speaking clinic", languages=[arabic], place=("izmir", "Buca"))
    html = text_of(client.get(PRINT_URL, {"language": "ar", "free": "1"}))
    assert '<input type="hidden" name="language" value="ar">' in html
    assert '<input type="hidden" name="free" value="1">' in html
    # Choosing İzmir in that form asks for this sheet:
    sheet = text_of(client.get(PRINT_URL, {"language": "ar", "free": "1", "province": "izmir"}))
    assert "Services for refugees in İzmir" in sheet
    assert "Arabic-speaking clinic" in sheet
    assert "Refugee Support Desk" not in sheet


def test_search_page_links_to_the_print_sheet_with_the_same_filters(client, directory, buca_desk):
    params = in_district("Buca")
    html = client.get(
        "/en/services/", {"province": buca_desk.locations.first().province_id, **params}
    )
    link = re.search(r'href="(/en/services/print/\?[^"]*)"', html.content.decode()).group(1)
    sheet = text_of(client.get(link.replace("&amp;", "&")))
    assert "Refugee Support Desk" in sheet
    assert f"district={params['district']}" in link


def test_search_page_without_a_place_links_to_the_province_chooser(client, directory, buca_desk):
    html = client.get("/en/services/", {"q": "refugee"}).content.decode()
    link = re.search(r'href="(/en/services/print/\?[^"]*)"', html).group(1)
    chooser = text_of(client.get(link.replace("&amp;", "&")))
    assert "Choose the province to print" in chooser
    assert '<input type="hidden" name="q" value="refugee">' in chooser


# --- A district's sheet and the services of its whole province -------------------------------


@pytest.fixture
def registration(asam):
    """Registration in Konak, where every district of İzmir comes to."""
    return build.service(
        asam,
        "Registration and protection applications",
        place=("izmir", "Konak"),
        phones=("+90 232 445 06 20",),
        serves_whole_province=True,
    )


def test_district_sheet_lists_the_province_wide_services_after_its_own(
    client, buca_desk, konak_clinic, registration
):
    html = strip_tags(text_of(client.get(PRINT_URL, in_district("Buca"))))
    heading = "Also for Buca, İzmir: services for the whole province"
    assert html.index("Refugee Support Desk") < html.index(heading)
    assert html.index(heading) < html.index("Registration and protection applications")
    # A service of another district that does not serve the whole province stays off.
    assert "Migrant Health Centre Basmane" not in html


def test_district_sheet_leaves_out_other_provinces_services(client, asam, buca_desk):
    build.service(
        asam, "Registration in Muğla", place=("mugla", "Menteşe"), serves_whole_province=True
    )
    html = text_of(client.get(PRINT_URL, in_district("Buca")))
    assert "Registration in Muğla" not in html
    assert "services for the whole province" not in html


def test_province_wide_service_located_in_the_district_is_listed_once(client, asam):
    build.service(asam, "Bar legal aid", place=("izmir", "Buca"), serves_whole_province=True)
    html = text_of(client.get(PRINT_URL, in_district("Buca")))
    assert html.count("Bar legal aid</h") == 1
    assert "services for the whole province" not in html


def test_province_wide_services_keep_the_sheets_other_filters(client, asam, registration):
    arabic = build.language("ar", "Arabic")
    build.service(
        asam,
        "Cash assistance",
        place=("izmir", "Konak"),
        languages=[arabic],
        serves_whole_province=True,
    )
    html = text_of(client.get(PRINT_URL, {**in_district("Buca"), "language": "ar"}))
    assert "Cash assistance" in html
    assert "Registration and protection applications" not in html


def test_province_sheet_has_no_province_wide_section(client, buca_desk, registration):
    html = text_of(client.get(PRINT_URL, {"province": "izmir"}))
    assert "Registration and protection applications" in html
    assert "services for the whole province" not in html


def test_serving_the_whole_province_is_a_fact_every_translation_takes_from_the_source(
    client, registration
):
    translation = registration.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    translation.title = "Kayıt ve koruma başvuruları"
    translation.serves_whole_province = False
    translation.save_revision().publish()
    assert ServicePage.objects.get(pk=translation.pk).serves_whole_province is True
    html = text_of(client.get("/tr/services/print/", in_district("Buca")))
    assert "Kayıt ve koruma başvuruları" in html


# --- What the sheet carries besides the services ------------------------------------------


def test_sheet_lists_the_regions_helplines_and_its_provinces_own(client, buca_desk):
    build.helpline("112", {"en": "Emergency", "tr": "Acil Çağrı"}, order=10)
    build.helpline("153", {"en": "İzmir municipality"}, order=50, province=build.province("izmir"))
    build.helpline("444 48 48", {"en": "Muğla municipality"}, province=build.province("mugla"))
    html = text_of(client.get(PRINT_URL, in_district("Buca")))
    assert '<bdi class="print-number" dir="ltr">112</bdi> <span>Emergency</span>' in html
    assert "İzmir municipality" in html
    assert "Muğla municipality" not in html


def test_sheet_has_a_qr_code_of_the_same_search_on_the_portal(client, directory, buca_desk):
    from services_map.public.qr import qr_path

    html = client.get(PRINT_URL, {**in_district("Buca"), "free": "1"}).content.decode()
    figure = re.search(r'<figure class="print-sheet__search">(.*?)</figure>', html, re.S).group(1)
    assert 'aria-label="QR code of this list on the portal"' in figure
    district = in_district("Buca")["district"]
    _size, path = qr_path(f"http://testserver/en/services/?district={district}&free=1")
    assert f'd="{path}"' in figure


def test_sheet_has_a_print_button_that_needs_its_script(client, buca_desk):
    html = client.get(PRINT_URL, in_district("Buca")).content.decode()
    assert '<button type="button" data-print hidden>Print this sheet</button>' in html
    assert 'src="/static/js/print-button.js" defer' in html


def test_page_style_heads_each_page_with_the_place_and_numbers_the_pages(client, buca_desk):
    html = client.get("/tr/services/print/", in_district("Buca")).content.decode()
    link = re.search(r'<link rel="stylesheet" href="([^"]+)" media="print">\s*<script', html)
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    today = timezone.localdate()
    assert '@top-center { content: "\u2068Buca, İzmir\u2069 · \u2068' in css
    assert str(today.year) in css
    assert '@bottom-center { content: "Sayfa " counter(page) " / " counter(pages) ""; }' in css


def test_page_style_escapes_what_would_end_its_string(client, buca_desk):
    from services_map.public.print_sheet import css_string

    assert css_string('Bad "place"\\ \n') == '"Bad \\22 place\\22 \\5c  \\a "'


# --- Two languages on one sheet ------------------------------------------------------------


def test_two_language_sheet_prints_each_service_in_both_languages(client, buca_desk):
    from tests.factories.meetings import translate

    translate(buca_desk, "tr", title="Mülteci Destek Masası", summary="Bilgi ve yönlendirme.")
    translate(buca_desk, "ar", title="مكتب دعم اللاجئين", summary="معلومات وإحالة.")
    html = text_of(client.get("/tr/services/print/", {**in_district("Buca"), "also": "ar"}))
    assert "Mülteci Destek Masası" in html
    assert '<p class="print-entry__title">مكتب دعم اللاجئين</p>' in html
    assert "معلومات وإحالة." in html
    assert 'class="print-entry__about print-entry__about--also" lang="ar" dir="rtl"' in html
    # Labels and days in both languages, the number once.
    assert 'Adres <span lang="ar" dir="rtl">العنوان</span>' in html
    assert html.count("+90 232 449 44 30") == 1


def test_one_language_sheet_offers_the_two_language_sheets(client, buca_desk):
    html = client.get("/tr/services/print/", in_district("Buca")).content.decode()
    district = in_district("Buca")["district"]
    assert f'href="?district={district}&amp;also=ar" hreflang="ar"' in html
    assert f'href="?district={district}&amp;also=fa" hreflang="fa"' in html


@pytest.mark.parametrize("also", ["xx", "tr", "<script>", "ar" * 40])
def test_an_unknown_or_same_second_language_prints_one_language(client, buca_desk, also):
    response = client.get("/tr/services/print/", {**in_district("Buca"), "also": also})
    assert response.status_code == 200
    assert "print-entry__about--also" not in response.content.decode()
