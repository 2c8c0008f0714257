"""Agencies and groups in choosers and filters: each listed once, named in the reader's
language and alphabet, and choosing one finds what every translation of it holds."""

import pytest
from bs4 import BeautifulSoup

from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from meetings.models import ActionPoint, ThematicGroupPage
from services_map.models import AgencyPage
from tests.conftest import shared_pages
from tests.factories import UserFactory
from tests.factories.meetings import (
    make_agency,
    make_group,
    make_meeting,
    meetings_index,
    translate,
)

pytestmark = pytest.mark.django_db

# Each agency's acronym and its title in the languages it is translated into. Turkish titles
# that start with Ç or İ come after "Z" by code point; in the Turkish alphabet they do not.
AGENCIES = {
    "UNHCR": {"en": "UN Refugee Agency", "tr": "BM Mülteci Ajansı", "ar": "مفوضية اللاجئين"},
    "ASAM": {
        "en": "Association for Solidarity with Asylum Seekers",
        "tr": "Sığınmacılarla Dayanışma Derneği",
        "ar": "جمعية التضامن مع طالبي اللجوء",
        "fa": "انجمن همبستگی با پناهجویان",
    },
    "BUCA": {"en": "Buca Municipality", "tr": "Buca Belediyesi"},
    "CIGLI": {"en": "Cigli Municipality", "tr": "Çiğli Belediyesi"},
    "BARO": {"en": "Izmir Bar Association", "tr": "İzmir Barosu"},
    "KIZILAY": {"en": "Isparta Red Crescent", "tr": "Isparta Kızılay"},
    "ZEY": {"en": "Zeytin Cooperative"},
}
TURKISH_ORDER = [
    "BM Mülteci Ajansı (UNHCR)",
    "Buca Belediyesi (BUCA)",
    "Çiğli Belediyesi (CIGLI)",
    "Isparta Kızılay (KIZILAY)",
    "İzmir Barosu (BARO)",
    "Sığınmacılarla Dayanışma Derneği (ASAM)",
    # Not translated into Turkish: named in English, the fallback.
    "Zeytin Cooperative (ZEY)",
]
TRACKER = "/{language}/meetings/action-points/"


@pytest.fixture(scope="module")
def world(module_data):
    """The agencies in their languages; a group whose member list names one agency by its
    Turkish page (as stored before agencies were chosen once); three action points for ASAM,
    one of them naming its Turkish page, and one for UNHCR."""
    home = shared_pages()
    meetings_index(home)
    agencies = {}
    for acronym, titles in AGENCIES.items():
        english = make_agency(home, acronym, title=titles["en"])
        agencies[acronym] = {"en": english}
        for language, title in titles.items():
            if language != "en":
                agencies[acronym][language] = translate(english, language, title=title)
    group = make_group(
        home,
        title="Protection working group",
        slug="protection",
        lead_agency=agencies["UNHCR"]["en"],
        members=[agencies["ASAM"]["en"], agencies["UNHCR"]["tr"]],
    )
    asam_en, asam_tr = agencies["ASAM"]["en"], agencies["ASAM"]["tr"]
    outcomes = [
        ("ASAM maps legal aid", asam_en),
        ("ASAM shares the referral form", asam_en),
        ("ASAM trains the mukhtars", asam_tr),
        ("UNHCR updates the figures", agencies["UNHCR"]["en"]),
    ]
    make_meeting(
        group,
        agenda=[
            {
                "title": "Updates",
                "outcomes": [
                    {"kind": "action_point", "text": text, "responsible_agency": agency}
                    for text, agency in outcomes
                ],
            }
        ],
    )
    return {"agencies": agencies, "group": group}


def soup(response):
    assert response.status_code == 200, response.content.decode()[-2000:]
    return BeautifulSoup(response.content, "html.parser")


def options(page, name):
    """(value, label) of a select's options, without the empty one."""
    select = page.select_one(f'select[name="{name}"]')
    return [
        (option["value"], option.get_text(strip=True))
        for option in select.select("option")
        if option["value"]
    ]


def listed_points(page):
    return sorted(
        cell.contents[0].strip() for cell in page.select("table.tracker tbody td:first-child")
    )


def test_the_tracker_lists_each_agency_once_in_the_turkish_alphabet(client, world):
    client.force_login(UserFactory(role=MEMBERS))
    page = soup(client.get(TRACKER.format(language="tr")))
    assert [label for _value, label in options(page, "agency")] == TURKISH_ORDER


def test_the_tracker_names_agencies_in_arabic_and_falls_back_to_english(client, world):
    client.force_login(UserFactory(role=MEMBERS))
    labels = {
        label
        for _value, label in options(soup(client.get(TRACKER.format(language="ar"))), "agency")
    }
    assert "جمعية التضامن مع طالبي اللجوء (ASAM)" in labels
    assert "Buca Municipality (BUCA)" in labels
    assert len(labels) == len(AGENCIES)


def test_choosing_asam_in_turkish_finds_its_points_of_every_translation(client, world):
    client.force_login(UserFactory(role=MEMBERS))
    url = TRACKER.format(language="tr")
    value = {label: value for value, label in options(soup(client.get(url)), "agency")}[
        "Sığınmacılarla Dayanışma Derneği (ASAM)"
    ]
    page = soup(client.get(url, {"agency": value, "status": "all"}))
    assert listed_points(page) == [
        "ASAM maps legal aid",
        "ASAM shares the referral form",
        "ASAM trains the mukhtars",
    ]


@pytest.mark.parametrize("language", ["en", "tr", "ar", "fa"])
def test_an_address_naming_any_translation_of_asam_finds_the_same_points(client, world, language):
    client.force_login(UserFactory(role=MEMBERS))
    asam = world["agencies"]["ASAM"][language]
    page = soup(client.get(TRACKER.format(language="tr"), {"agency": asam.pk}))
    assert len(listed_points(page)) == 3
    # The filter shows ASAM as chosen, named in Turkish.
    chosen = page.select_one('select[name="agency"] option[selected]')
    assert chosen.get_text(strip=True) == "Sığınmacılarla Dayanışma Derneği (ASAM)"


def test_the_tracker_lists_groups_once_in_the_visitors_language(client, world):
    translate(world["group"], "tr", title="Koruma çalışma grubu")
    client.force_login(UserFactory(role=MEMBERS))
    page = soup(client.get(TRACKER.format(language="tr")))
    assert options(page, "group") == [("protection", "Koruma çalışma grubu")]


@pytest.fixture
def turkish_co_chair(db):
    return UserFactory(role=CO_CHAIRS, preferred_language="tr")


def test_member_agency_picker_lists_each_agency_once_in_the_editors_language(
    client, world, turkish_co_chair
):
    client.force_login(turkish_co_chair)
    page = soup(client.get(f"/admin/pages/{world['group'].pk}/edit/"))
    boxes = page.select('input[type="checkbox"][name="member_agencies"]')
    labels = [box.find_parent("label").get_text(strip=True) for box in boxes]
    assert labels == TURKISH_ORDER
    assert AgencyPage.objects.count() > len(boxes)
    # Members stored as any translation are ticked: ASAM (English page) and UNHCR (Turkish).
    ticked = {
        box.find_parent("label").get_text(strip=True) for box in boxes if box.has_attr("checked")
    }
    assert ticked == {"Sığınmacılarla Dayanışma Derneği (ASAM)", "BM Mülteci Ajansı (UNHCR)"}


def test_lead_agency_select_lists_each_agency_once_with_the_lead_chosen(
    client, world, turkish_co_chair
):
    client.force_login(turkish_co_chair)
    page = soup(client.get(f"/admin/pages/{world['group'].pk}/edit/"))
    assert [label for _value, label in options(page, "lead_agency")] == TURKISH_ORDER
    chosen = page.select_one('select[name="lead_agency"] option[selected]')
    assert chosen.get_text(strip=True) == "BM Mülteci Ajansı (UNHCR)"


def test_an_agency_chosen_in_turkish_is_stored_as_the_same_agency_as_in_english(
    client, world, turkish_co_chair
):
    point = ActionPoint.objects.get(text="UNHCR updates the figures")
    asam = world["agencies"]["ASAM"]
    client.force_login(turkish_co_chair)
    response = client.post(
        f"/admin/snippets/meetings/actionpoint/edit/{point.pk}/",
        {
            "text": point.text,
            # The id of ASAM's Turkish page, as a crafted or old form would send it.
            "responsible_agency": asam["tr"].pk,
            "due_date": "",
            "status": "open",
            "group": point.group_id,
            "raised_at": point.raised_at_id,
            "closed_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    point.refresh_from_db()
    assert point.responsible_agency_id == asam["en"].pk


def test_action_point_form_offers_each_agency_and_group_once(client, world, turkish_co_chair):
    translate(world["group"], "tr", title="Koruma çalışma grubu")
    point = ActionPoint.objects.get(text="ASAM trains the mukhtars")
    client.force_login(turkish_co_chair)
    page = soup(client.get(f"/admin/snippets/meetings/actionpoint/edit/{point.pk}/"))
    assert [label for _value, label in options(page, "responsible_agency")] == TURKISH_ORDER
    # Stored as ASAM's Turkish page: shown as ASAM, chosen.
    chosen = page.select_one('select[name="responsible_agency"] option[selected]')
    assert chosen.get_text(strip=True) == "Sığınmacılarla Dayanışma Derneği (ASAM)"
    assert [label for _value, label in options(page, "group")] == ["Koruma çalışma grubu"]
    assert ThematicGroupPage.objects.count() == 2


def test_meeting_editor_opens_with_agency_selects(client, world, turkish_co_chair):
    meeting = ActionPoint.objects.first().raised_at
    client.force_login(turkish_co_chair)
    html = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    # The agenda's agency choices, drawn by Wagtail's script from the block definitions: in
    # Turkish, and not ASAM's English page beside its Turkish one.
    assert "Sığınmacılarla Dayanışma Derneği (ASAM)" in html
    assert "Association for Solidarity with Asylum Seekers (ASAM)" not in html
