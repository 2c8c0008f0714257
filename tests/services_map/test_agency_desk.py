"""An agency editor's admin home: their agency's services, each once in their language, with
what needs doing, and a button to add a service; nobody else's; co-chairs see the whole directory's
figures instead."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from services_map.models import AgencyPage, ProblemReport
from tests.admin_home import dashboard, follow_add_button, queries_for_dashboard, words
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def translate(page, code, title):
    """Publish a translation of the page (its agency's translation must exist)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    translation.title = title
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


@pytest.fixture(scope="module")
def world(module_data):
    """ASAM in English and Turkish with five services in various states, and another agency
    whose services (one for members only) ASAM's editors must never see."""
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    asam_tr = translate(asam, "tr", "Sığınmacılar ve Göçmenlerle Dayanışma Derneği")
    legal = build.service(asam, "Legal counselling", last_verified=TODAY)
    legal_tr = translate(legal, "tr", "Hukuki danışmanlık")
    winter = build.service(asam, "Winter kits", last_verified=TODAY - datetime.timedelta(days=200))
    sewing = build.service(asam, "Sewing course", publish=False)
    jobs = build.service(asam, "Job counselling", last_verified=TODAY)
    trc = build.agency(directory, "Turkish Red Crescent", "TRC")
    build.service(trc, "Red Crescent community kitchen")
    build.service(trc, "Partner referral line", is_internal=True)

    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS, organisation=asam)
    editor_tr = UserFactory(
        email="editor.tr@asam.example",
        role=AGENCY_EDITORS,
        organisation=asam,
        preferred_language="tr",
    )
    jobs.title = "Job counselling, new hours"
    jobs.save_revision(user=editor)
    jobs.get_workflow().start(jobs, editor)
    ProblemReport.objects.create(service=legal, kind=ProblemReport.Kind.WRONG_PHONE)
    ProblemReport.objects.create(service=legal_tr, kind=ProblemReport.Kind.MOVED)
    ProblemReport.objects.create(
        service=legal, kind=ProblemReport.Kind.CLOSED, status=ProblemReport.Status.FIXED
    )
    return {
        "directory": directory,
        "asam": asam,
        "asam_tr": asam_tr,
        "legal": legal,
        "legal_tr": legal_tr,
        "winter": winter,
        "sewing": sewing,
        "jobs": jobs,
        "editor": editor,
        "editor_tr": editor_tr,
    }


def desk_of(html, agency):
    return html.find(id=f"agency-{agency.pk}-section")


def listing(desk, title):
    """The desk's entry of the service with this title."""
    for item in desk.select(".portal-desk__item"):
        if item.select_one(".portal-desk__title").get_text(strip=True) == title:
            return item
    raise AssertionError(f"{title} is not on the desk")


def test_editor_sees_each_of_their_agencys_services_once(client, world):
    desk = desk_of(dashboard(client, world["editor"]), world["asam"])
    titles = [item.get_text(strip=True) for item in desk.select(".portal-desk__title")]
    # Those the agency must act on first (open reports, not confirmed); a title being
    # changed as the editor last saved it.
    assert titles == [
        "Legal counselling",
        "Winter kits",
        "Job counselling, new hours",
        "Sewing course",
    ]


def test_editor_sees_services_in_their_admin_language_where_translated(client, world):
    html = dashboard(client, world["editor_tr"])
    desk = desk_of(html, world["asam_tr"])
    titles = [item.get_text(strip=True) for item in desk.select(".portal-desk__title")]
    assert "Hukuki danışmanlık" in titles
    assert "Legal counselling" not in titles
    assert "Winter kits" in titles  # not translated: shown in English
    assert "ASAM" in words(desk.select_one("h2"))


def test_editor_never_sees_another_agencys_services(client, world):
    text = words(dashboard(client, world["editor"]))
    assert "Red Crescent community kitchen" not in text
    assert "Partner referral line" not in text


def test_each_listing_says_where_it_stands(client, world):
    desk = desk_of(dashboard(client, world["editor"]), world["asam"])
    assert "Live" in words(listing(desk, "Legal counselling"))
    assert "Draft" in words(listing(desk, "Sewing course"))
    assert "Waiting for approval" in words(listing(desk, "Job counselling, new hours"))
    assert "Waiting for approval" not in words(listing(desk, "Legal counselling"))
    winter = words(listing(desk, "Winter kits"))
    stale_since = (TODAY - datetime.timedelta(days=200)).strftime("%Y")
    assert "Not confirmed since" in winter and stale_since in winter
    assert "Not confirmed" not in words(listing(desk, "Legal counselling"))


def test_open_problem_reports_are_counted_across_the_services_translations(client, world):
    desk = desk_of(dashboard(client, world["editor"]), world["asam"])
    assert "2 open problem reports" in words(listing(desk, "Legal counselling"))
    assert "problem report" not in words(listing(desk, "Winter kits"))


def test_listing_links_to_edit_each_translation_and_to_confirm(client, world):
    desk = desk_of(dashboard(client, world["editor"]), world["asam"])
    legal = listing(desk, "Legal counselling")
    links = {a["href"] for a in legal.select("a")}
    assert f"/admin/pages/{world['legal'].pk}/edit/" in links
    assert f"/admin/pages/{world['legal_tr'].pk}/edit/" in links
    assert f"/admin/services/{world['legal'].pk}/confirm/?next=/admin/" in links
    # A draft is not listed yet: there is nothing to confirm.
    assert not [a for a in listing(desk, "Sewing course").select("a") if "confirm" in a["href"]]


def test_confirming_from_the_desk_comes_back_to_it(client, world):
    desk = desk_of(dashboard(client, world["editor"]), world["asam"])
    confirm = next(a for a in listing(desk, "Winter kits").select("a") if "confirm" in a["href"])
    response = client.post(confirm["href"])
    assert response.status_code == 302 and response.url == "/admin/"
    desk = desk_of(dashboard(client, world["editor"]), world["asam"])
    assert "Not confirmed since" not in words(listing(desk, "Winter kits"))


def test_add_a_service_opens_the_service_form_below_the_agency(client, world):
    agency = world["asam_tr"]
    desk = desk_of(dashboard(client, world["editor_tr"]), agency)
    form = follow_add_button(client, desk, agency)
    assert form == f"/admin/pages/add/services_map/servicepage/{agency.pk}/"


def test_counts_at_the_top_are_the_editors_own(client, world):
    summary = words(dashboard(client, world["editor"]).select_one(".w-summary"))
    assert "4 services" in summary
    assert "1 waiting for approval" in summary
    assert "1 not confirmed for 180 days" in summary
    assert "2 open problem reports" in summary
    assert "Pages" not in summary and "Images" not in summary


def test_a_co_chair_sees_the_whole_directory_rather_than_an_agencys_desk(client, world):
    html = dashboard(client, UserFactory(role=CO_CHAIRS))
    assert not html.select("[id^=agency-]")
    assert html.find("table", id="coverage") is not None
    assert "Pages" not in words(html.select_one(".w-summary"))


def test_another_agencys_editor_sees_their_own_desk_only(client, world):
    trc = world["directory"].get_children().type(AgencyPage).get(title="Turkish Red Crescent")
    html = dashboard(client, UserFactory(role=AGENCY_EDITORS, organisation=trc))
    assert [desk["id"] for desk in html.select(".portal-desk")] == [f"agency-{trc.pk}-section"]
    text = words(html)
    assert "Red Crescent community kitchen" in text and "Partner referral line" in text
    assert "Legal counselling" not in text and "Hukuki danışmanlık" not in text


def test_the_desk_takes_as_many_queries_for_four_services_as_for_ten(client, world):
    queries_for_dashboard(client, world["editor"])  # Wagtail's caches filled
    before = queries_for_dashboard(client, world["editor"])
    for number in range(6):
        service = build.service(world["asam"], f"Extra service {number}")
        translate(service, "tr", f"Ek hizmet {number}")
        ProblemReport.objects.create(service=service, kind=ProblemReport.Kind.OTHER)
    assert queries_for_dashboard(client, world["editor"]) == before
    text = words(dashboard(client, world["editor"]))
    assert "10 services" in text
