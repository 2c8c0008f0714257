"""On a phone, in a service's locations, the district list offers only the chosen province's
districts, for an existing location and for one the editor adds."""

import pytest

from iswg_portal.accounts.roles import CO_CHAIRS
from services_map.models import ServicePage
from tests.browser.test_journeys import click_and_load, sign_in
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def district_names(page, select):
    """The districts a select offers, without its empty choice."""
    return page.eval_on_selector_all(
        f"{select} option", "options => options.filter(o => o.value).map(o => o.textContent)"
    )


def test_the_district_list_follows_the_province_at_phone_width(
    live_server, home_page, browser_page
):
    directory = build.directory_page()
    asam = build.agency(directory, "ASAM", "ASAM")
    for province, district in [("burdur", "Bucak"), ("izmir", "Çiğli"), ("mugla", "Bodrum")]:
        build.district(province, district)
    service = build.service(asam, "Legal counselling", place=("izmir", "Buca"))
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, live_server, UserFactory(role=CO_CHAIRS, preferred_language="tr"), "tr")
    page.goto(f"{live_server.url}/admin/pages/{service.pk}/edit/")
    page.get_by_role("tab", name="Nerede ve ne zaman").click()

    province, district = "select[name=locations-0-province]", "select[name=locations-0-district]"
    # İzmir's districts only, in the Turkish alphabet, with the stored one still chosen.
    assert district_names(page, district) == ["Buca", "Çiğli"]
    assert page.locator(district).input_value() == str(service.locations.get().district_id)

    page.select_option(province, label="Burdur")
    assert district_names(page, district) == ["Bucak"]
    # Buca is not in Burdur: nothing stays chosen that the province does not have.
    assert page.locator(district).input_value() == ""

    page.select_option(province, label="İzmir")
    page.select_option(district, label="Çiğli")
    click_and_load(page, "footer button.action-save")
    draft = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert draft.locations.get().district.name == "Çiğli"

    # A location added now follows its own province.
    page.get_by_role("tab", name="Nerede ve ne zaman").click()
    page.locator("#id_locations-ADD").click()
    page.select_option("select[name=locations-1-province]", label="Muğla")
    assert district_names(page, "select[name=locations-1-district]") == ["Bodrum"]
    assert district_names(page, district) == ["Buca", "Çiğli"]
