"""The service page: everything a person needs to go there, and nothing the public must not see."""

import datetime
import json
import re
from types import SimpleNamespace
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from services_map.models import ProblemReport, ServicePage
from services_map.taxonomy import spoken_language_label
from services_map.templatetags.service_pages import spoken_language
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

ISTANBUL = ZoneInfo("Europe/Istanbul")
# Wednesday 25 November 2026, 10:00 in İzmir.
WEDNESDAY_MORNING = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=ISTANBUL)


@pytest.fixture(scope="module")
def listing(module_data):
    """An agency and its fully described walk-in service in Buca, built once for the module:
    each test reads them anew, and what it changes rolls back with it."""
    asam = build.agency(build.directory_page())
    return {"asam": asam, "legal_counselling": fully_described_service(asam)}


@pytest.fixture
def asam(listing):
    """The agency of the module's listing (in place of tests/services_map/conftest.py's)."""
    return read_again(listing["asam"])


@pytest.fixture
def legal_counselling(listing):
    """A fully described walk-in service in Buca."""
    return read_again(listing["legal_counselling"])


def fully_described_service(asam):
    return build.service(
        asam,
        "Legal counselling in Buca",
        summary="Free advice from lawyers on registration and residence permits.",
        description="<p>A lawyer explains your rights and the next steps.</p>",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
        schedules=build.weekdays("09:00", "17:00"),
        phones=("+90 232 449 44 30",),
        languages=[build.language("ar", "Arabic", "العربية")],
        categories=[build.category("Legal counselling")],
        population_groups=["women at risk"],
        eligibility_description="Anyone under temporary protection living in İzmir.",
        eligible_legal_statuses=["temporary_protection"],
        eligible_nationalities="Syrian, Afghan",
        minimum_age=18,
        fees_description="Photocopies are paid.",
        application_process="Ask at the reception for the legal counsellor.",
        documents_required="Your kimlik, if you have one.",
        referral_method="Send the inter-agency referral form by e-mail.",
        what_happens_next="A lawyer sees you the same day.",
        response_time="Within 3 working days",
        complaints_channel="The sealed complaint box at the entrance.",
        email="buca@asam.example",
        website="https://asam.example/buca",
        whatsapp="0533 702 18 46",
        last_verified=datetime.date(2026, 11, 1),
    )


def get_page(client, page, moment=WEDNESDAY_MORNING):
    with mock.patch("services_map.public.service_display.timezone.now", return_value=moment):
        return client.get(page.get_url())


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    "expected",
    [
        "Legal counselling in Buca",
        "Free advice from lawyers on registration and residence permits.",
        "A lawyer explains your rights and the next steps.",
        "Anyone under temporary protection living in İzmir.",
        "Temporary protection (Syrians)",
        "Syrian, Afghan",
        "18 years and older",
        "Women at risk",
        "Free of charge",
        "Photocopies are paid.",
        "Walk in",
        "Ask at the reception for the legal counsellor.",
        "Your kimlik, if you have one.",
        "Send the inter-agency referral form by e-mail.",
        "A lawyer sees you the same day.",
        "Within 3 working days",
        "The sealed complaint box at the entrance.",
        "Legal counselling",
        "العربية",
        "Atatürk Caddesi No: 1, Buca, İzmir",
        'href="mailto:buca@asam.example"',
        'href="https://asam.example/buca"',
    ],
)
def test_service_page_shows_each_field(client, legal_counselling, expected):
    assert expected in text_of(get_page(client, legal_counselling))


def test_service_page_has_a_tap_to_call_link(client, legal_counselling):
    assert 'href="tel:+902324494430"' in text_of(get_page(client, legal_counselling))


def test_service_page_links_whatsapp_with_the_country_code(client, legal_counselling):
    assert 'href="https://wa.me/905337021846"' in text_of(get_page(client, legal_counselling))


def test_service_page_links_the_map_and_directions_on_openstreetmap(client, legal_counselling):
    html = text_of(get_page(client, legal_counselling))
    assert "https://www.openstreetmap.org/?mlat=38.38810&amp;mlon=27.17530" in html
    assert "https://www.openstreetmap.org/directions?to=38.38810,27.17530" in html


def test_service_page_names_the_agency_with_a_link(client, legal_counselling, asam):
    assert f'href="{asam.get_url()}"' in text_of(get_page(client, legal_counselling))


def test_service_page_shows_the_weekly_hours_table(client, legal_counselling):
    html = text_of(get_page(client, legal_counselling))
    assert html.count("09:00–17:00") >= 5
    assert html.count("Closed</td>") + html.count("Closed </td>") == 2


def test_service_page_says_open_now_in_istanbul_time(client, legal_counselling):
    html = text_of(get_page(client, legal_counselling))
    assert "Open now" in html
    assert "until 17:00" in html


def test_service_page_says_closed_in_the_evening_and_when_it_opens(client, legal_counselling):
    evening = WEDNESDAY_MORNING.replace(hour=20)
    html = text_of(get_page(client, legal_counselling, evening))
    assert "Closed now" in html
    assert "opens Thursday at 09:00" in html


def test_service_page_judges_open_now_by_istanbul_not_utc(client, legal_counselling):
    # 06:30 UTC is 09:30 in İzmir.
    moment = datetime.datetime(2026, 11, 25, 6, 30, tzinfo=datetime.UTC)
    assert "Open now" in text_of(get_page(client, legal_counselling, moment))


def test_service_page_shows_when_it_was_last_verified(client, legal_counselling):
    assert "Last verified by the agency on 1 November 2026" in text_of(
        get_page(client, legal_counselling)
    )


def test_recently_verified_service_has_no_out_of_date_notice(client, legal_counselling):
    assert "may be out of date" not in text_of(get_page(client, legal_counselling))


def test_service_unverified_for_over_180_days_warns_it_may_be_out_of_date(client, asam):
    old = build.service(asam, last_verified=WEDNESDAY_MORNING.date() - datetime.timedelta(days=181))
    assert "This information may be out of date." in text_of(get_page(client, old))


def test_service_page_carries_schema_org_structured_data(client, legal_counselling):
    html = get_page(client, legal_counselling).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Service"
    assert data["name"] == "Legal counselling in Buca"
    assert data["provider"]["name"] == "Association for Solidarity"
    assert data["availableChannel"]["servicePhone"][0]["telephone"] == "+90 232 449 44 30"
    place = data["availableChannel"]["serviceLocation"][0]
    assert place["geo"]["latitude"] == 38.3881


def test_structured_data_cannot_close_its_script_element(client, asam):
    page = build.service(asam, "Help </script><script>alert(1)</script>")
    html = get_page(client, page).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block.group(1))["name"] == "Help </script><script>alert(1)</script>"


def test_service_page_counts_open_reports_and_the_last_fix(client, legal_counselling):
    for kind in ("wrong_phone", "moved"):
        ProblemReport.objects.create(service=legal_counselling, kind=kind)
    fixed = ProblemReport.objects.create(service=legal_counselling, kind="closed")
    fixed.status = ProblemReport.Status.FIXED
    fixed.save()
    ProblemReport.objects.filter(pk=fixed.pk).update(
        resolved_at=datetime.datetime(2026, 11, 20, 12, tzinfo=ISTANBUL)
    )
    html = text_of(get_page(client, legal_counselling))
    assert "2 reported problems are being checked." in html
    assert "The last reported problem was fixed on 20 November 2026." in html


def test_service_page_offers_the_report_a_problem_form(client, legal_counselling):
    html = text_of(get_page(client, legal_counselling))
    assert f'action="/en/services/report/{legal_counselling.pk}/"' in html


# --- What the public must not see ---------------------------------------------------------


def test_protection_sensitive_service_tells_the_public_to_call_first(client, shelter):
    html = text_of(get_page(client, shelter))
    assert "Call first." in html
    assert 'href="tel:+905337021990"' in html


def test_protection_sensitive_service_shows_the_public_no_address(client, shelter):
    html = text_of(get_page(client, shelter))
    assert "Atatürk Caddesi" not in html
    assert "Karabağlar" not in html


def test_protection_sensitive_service_shows_the_public_no_coordinates(client, shelter):
    html = text_of(get_page(client, shelter))
    assert "38.37" not in html
    assert "27.12" not in html
    assert "openstreetmap.org/?mlat" not in html


def test_protection_sensitive_address_is_shown_to_a_member(client, shelter):
    client.force_login(UserFactory(role="Members"))
    assert "Atatürk Caddesi No: 1, Karabağlar, İzmir" in text_of(get_page(client, shelter))


def test_internal_service_is_404_for_the_public(client, asam):
    page = build.service(asam, is_internal=True)
    assert get_page(client, page).status_code == 404


def test_internal_service_is_404_for_a_signed_in_person_without_a_role(client, asam):
    page = build.service(asam, is_internal=True)
    client.force_login(UserFactory())
    assert get_page(client, page).status_code == 404


def test_internal_service_is_visible_to_a_member(client, asam):
    page = build.service(asam, "Resettlement referrals", is_internal=True)
    client.force_login(UserFactory(role="Members"))
    response = get_page(client, page)
    assert response.status_code == 200
    assert "Members only" in text_of(response)


def test_ended_service_is_404(client, asam):
    page = build.service(asam, end_date=WEDNESDAY_MORNING.date() - datetime.timedelta(days=1))
    assert get_page(client, page).status_code == 404


def test_closed_service_is_404(client, asam):
    page = build.service(asam, status=ServicePage.Status.CLOSED)
    assert get_page(client, page).status_code == 404


def test_temporarily_closed_service_stays_visible_with_a_warning(client, asam):
    page = build.service(asam, status=ServicePage.Status.TEMPORARILY_CLOSED)
    assert "Temporarily closed." in text_of(get_page(client, page))


# --- Languages and query counts ------------------------------------------------------------


def test_turkish_translation_is_served_under_tr(client, legal_counselling, directory):
    from wagtail.models import Locale

    translation = legal_counselling.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    translation.title = "Buca'da hukuki danışmanlık"
    translation.save_revision().publish()
    translation.refresh_from_db()
    response = get_page(client, translation)
    assert response.url if response.status_code == 302 else True
    assert translation.get_url().startswith("/tr/")
    assert "Buca&#x27;da hukuki danışmanlık" in text_of(response)


def test_service_pages_context_holds_what_the_page_shows(rf, legal_counselling, asam):
    request = rf.get(legal_counselling.get_url())
    request.user = UserFactory(role="Members")
    context = legal_counselling.get_context(request)
    assert context["info"].agency == asam
    assert [phone.number for phone in context["info"].phones] == ["+90 232 449 44 30"]
    assert "report_form" in context


def count_queries(client, page):
    with CaptureQueriesContext(connection) as queries:
        assert get_page(client, page).status_code == 200
    return len(queries)


def test_service_page_query_count_does_not_grow_with_its_details(client, asam):
    arabic = build.language("ar", "Arabic")
    persian = build.language("fa", "Persian")
    small = build.service(asam, "Small", phones=("0232 000 00 01",), languages=[arabic])
    large = build.service(
        asam,
        "Large",
        phones=tuple(f"0232 000 00 1{n}" for n in range(6)),
        languages=[arabic, persian],
        schedules=build.weekdays() + [(6, datetime.time(10), datetime.time(14))],
        categories=[build.category("Health"), build.category("Protection")],
    )
    for _n in range(3):
        ProblemReport.objects.create(service=large, kind="other", details="x")
    # Warm what each page keeps until the next publication (its language links among them).
    count_queries(client, small)
    count_queries(client, large)
    assert count_queries(client, large) == count_queries(client, small)


def test_service_page_needs_few_queries(client, legal_counselling, django_assert_max_num_queries):
    get_page(client, legal_counselling)
    with django_assert_max_num_queries(30):
        get_page(client, legal_counselling)


def test_languages_spoken_are_named_in_themselves_and_in_the_visitors_language():
    turkish = SimpleNamespace(code="tr", name="Turkish", native_name="Türkçe")
    with translation.override("ar"):
        assert spoken_language(turkish) == '<span lang="tr">Türkçe</span> (التركية)'
    with translation.override("tr"):
        assert spoken_language(turkish) == '<span lang="tr">Türkçe</span>'
    assert spoken_language_label("ar", "Arabic", "العربية", "en") == "العربية (Arabic)"
    assert spoken_language_label("ar", "Arabic", "العربية", "fa") == "العربية (عربی)"
    # A language CLDR does not name keeps its English name.
    assert spoken_language_label("xx", "Dom", "", "ar") == "Dom"
