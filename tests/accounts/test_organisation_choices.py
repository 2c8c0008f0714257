"""Agencies and thematic groups in the account forms: each once, named in the editor's
language and alphabet."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from iswg_portal.accounts.models import Invitation
from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from tests.factories import UserFactory
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build
from tests.factories.meetings import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(home_page):
    """Two agencies and a group, translated into Turkish but for one agency."""
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    translate(asam, "tr", title="Sığınmacılarla Dayanışma Derneği")
    cigli = build.agency(directory, "Cigli Municipality", "CIGLI")
    translate(cigli, "tr", title="Çiğli Belediyesi")
    build.agency(directory, "Zeytin Cooperative", "ZEY")
    group = meeting_factories.make_group(home_page, title="Health working group")
    translate(group, "tr", title="Sağlık çalışma grubu")
    return {"asam": asam}


def organisation_options(html):
    select = BeautifulSoup(html, "html.parser").select_one('select[name="organisation_group"]')
    return [option.get_text(strip=True) for option in select.select("option") if option["value"]]


def test_the_invitation_form_names_each_organisation_once_in_turkish(client, organisations):
    client.force_login(UserFactory(role=CO_CHAIRS, preferred_language="tr"))
    response = client.get("/admin/invitations/new/")
    assert response.status_code == 200
    assert organisation_options(response.content.decode()) == [
        "Kurum: Çiğli Belediyesi (CIGLI)",
        "Kurum: Sığınmacılarla Dayanışma Derneği (ASAM)",
        "Kurum: Zeytin Cooperative (ZEY)",
        "Tematik grup: Sağlık çalışma grubu",
    ]


def test_an_organisation_chosen_in_turkish_is_its_one_group(client, organisations):
    client.force_login(UserFactory(role=CO_CHAIRS, preferred_language="tr"))
    group = Group.objects.get(name="Agency: Association for Solidarity")
    response = client.post(
        "/admin/invitations/new/",
        {
            "email": "new@asam.example",
            "role": "Agency editors",
            "organisation_group": group.pk,
            "language": "tr",
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.get(email="new@asam.example").organisation_group == group


def test_the_user_form_names_organisations_in_the_editors_language(client, organisations):
    person = UserFactory(role=MEMBERS)
    client.force_login(UserFactory(role=CO_CHAIRS, preferred_language="tr"))
    html = client.get(f"/admin/users/edit/{person.pk}/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    labels = [
        box.find_parent("label").get_text(strip=True)
        for box in page.select('input[type="checkbox"][name="groups"]')
    ]
    assert "Kurum: Sığınmacılarla Dayanışma Derneği (ASAM)" in labels
    assert "Agency: Association for Solidarity" not in labels


def test_the_user_list_filter_names_organisations_in_the_editors_language(client, organisations):
    client.force_login(UserFactory(role=CO_CHAIRS, preferred_language="tr"))
    response = client.get("/admin/users/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kurum: Sığınmacılarla Dayanışma Derneği (ASAM)" in html
    assert "Agency: Association for Solidarity" not in html


def test_filtering_users_by_an_agency_finds_its_people(client, organisations):
    asam_editor = UserFactory(role=MEMBERS, organisation=organisations["asam"])
    client.force_login(UserFactory(role=CO_CHAIRS, preferred_language="tr"))
    group = Group.objects.get(name="Agency: Association for Solidarity")
    response = client.get("/admin/users/", {"group": group.pk})
    assert response.status_code == 200
    assert asam_editor.email in response.content.decode()
