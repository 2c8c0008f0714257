"""The admin's "Pages" menu opens an agency editor's page explorer at their agency, in the
language they work in, not at the root of every language tree; co-chairs' is unchanged."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS
from tests.factories import UserFactory
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def translate(page, code, title):
    translation = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture(scope="module")
def world(module_data):
    """ASAM in English, Turkish and Arabic with one service; the Protection group in English."""
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    service = build.service(asam, "Legal counselling")
    protection = meeting_factories.make_group(directory.get_parent(), title="Protection WG")
    return {
        "directory": directory,
        "asam": asam,
        "asam_tr": translate(asam, "tr", "ASAM Türkiye"),
        "asam_ar": translate(asam, "ar", "أسام"),
        "service": service,
        "protection": protection,
    }


def explorer_start(client, person):
    """The page the sidebar's "Pages" item opens the explorer at, as the admin sends it."""
    client.force_login(person)
    html = BeautifulSoup(client.get("/admin/").content, "html.parser")
    props = json.loads(html.find(id="wagtail-sidebar-props").string)
    for module in props["modules"]:
        if module["_type"] == "wagtail.sidebar.MainMenuModule":
            for item in module["_args"][0]:
                if item["_type"] == "wagtail.sidebar.PageExplorerMenuItem":
                    return item["_args"][1]
    raise AssertionError("no Pages menu")


def editor(world, language, **roles):
    return UserFactory(
        role=AGENCY_EDITORS, organisation=world["asam"], preferred_language=language, **roles
    )


@pytest.mark.parametrize(("language", "agency"), [("tr", "asam_tr"), ("ar", "asam_ar")])
def test_the_explorer_opens_at_the_agency_in_the_editors_language(client, world, language, agency):
    assert explorer_start(client, editor(world, language)) == world[agency].pk


def test_without_a_translation_in_their_language_the_explorer_opens_at_the_default_one(
    client, world
):
    assert explorer_start(client, editor(world, "fa")) == world["asam"].pk


def test_kurmanji_readers_start_at_the_turkish_agency(client, world):
    assert explorer_start(client, editor(world, "kmr")) == world["asam_tr"].pk


def test_an_editor_who_also_leads_a_group_starts_at_the_home_that_has_both(client, world):
    person = editor(world, "tr")
    person.groups.add(*UserFactory(role=GROUP_LEADS, organisation=world["protection"]).groups.all())
    # The group has no Turkish page yet: the English home holds both.
    assert explorer_start(client, person) == world["directory"].get_parent().pk


def test_a_group_lead_with_one_language_starts_at_the_group_as_before(client, world):
    lead = UserFactory(role=GROUP_LEADS, organisation=world["protection"])
    assert explorer_start(client, lead) == world["protection"].pk


def test_a_co_chairs_explorer_opens_at_the_root_as_before(client, world):
    assert explorer_start(client, UserFactory(role=CO_CHAIRS)) == Page.get_first_root_node().pk


def test_the_editor_still_browses_their_agency_in_every_language(client, world):
    client.force_login(editor(world, "tr"))
    for agency in ("asam", "asam_tr", "asam_ar"):
        response = client.get(f"/admin/pages/{world[agency].pk}/")
        assert response.status_code == 200
    english = client.get(f"/admin/pages/{world['asam'].pk}/").content.decode()
    assert "Legal counselling" in english


def test_the_editor_sees_no_service_of_another_agency_in_the_explorer(client, world):
    trc = build.agency(world["directory"], "Turkish Red Crescent", "TRC")
    build.service(trc, "Red Crescent community kitchen")
    client.force_login(editor(world, "tr"))
    listing = client.get(f"/admin/pages/{trc.pk}/").content.decode()
    assert "Red Crescent community kitchen" not in listing
