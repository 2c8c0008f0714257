"""The members' contact directory of focal points: by agency, each person once with every group
that names them, filtered by group, exported as CSV and vCard; never seen by the public."""

import pytest

from meetings.models import ThematicGroupPage
from tests.factories import UserFactory
from tests.factories.meetings import make_group

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/meetings/contacts/"


@pytest.fixture
def health(home_page, agencies, group):
    """A second group that names ASAM's focal point again, and a health focal point."""
    return make_group(
        home_page,
        title="Health Working Group",
        slug="health",
        sector=ThematicGroupPage.Sector.HEALTH,
        focal_points=[
            {"name": "Focal ASAM", "agency": agencies["asam"], "email": "focal@asam.example"},
            {
                "name": "Dr. Leyla Aksoy",
                "agency": agencies["iom"],
                "role": "co-chair",
                "email": "laksoy@iom.example",
                "phone": "+90 232 555 10 20",
            },
            {"name": "=HYPERLINK(1)", "agency": agencies["iom"], "email": "odd@iom.example"},
        ],
    )


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_a_visitor_is_sent_to_sign_in_and_a_person_without_a_role_is_refused(client, health):
    response = client.get(DIRECTORY)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for export in ("export.csv", "export.vcf"):
        assert client.get(DIRECTORY + export).status_code == 302
    client.force_login(UserFactory(email="norole@example.org"))
    assert client.get(DIRECTORY).status_code == 403
    assert client.get(DIRECTORY + "export.vcf").status_code == 403


def test_a_member_sees_each_focal_point_once_by_agency_with_every_group(member_client, health):
    response = member_client.get(DIRECTORY)
    page = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert page.count("focal@asam.example</bdi>") == 1
    asam = page.index("Association for Solidarity with Refugees</h2>")
    iom = page.index("International Organization for Migration</h2>")
    unhcr = page.index("UN Refugee Agency</h2>")
    assert asam < iom < unhcr
    assert "Health Working Group · Inter-Sector Working Group" in page or (
        "Inter-Sector Working Group · Health Working Group" in page
    )
    assert 'href="tel:+902325551020"' in page
    assert "4 focal points" in page


def test_the_group_filter_keeps_that_groups_focal_points(member_client, health):
    page = member_client.get(DIRECTORY, {"group": "health"}).content.decode()
    assert "laksoy@iom.example" in page
    assert "focal@unhcr.example" not in page
    assert "3 focal points" in page


def test_an_unknown_group_is_reported_and_not_applied(member_client, health):
    response = member_client.get(DIRECTORY, {"group": "no-such-group"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters were not understood" in page
    assert "focal@unhcr.example" in page


def test_a_focal_point_of_an_unpublished_group_is_not_listed(member_client, health):
    health.unpublish()
    page = member_client.get(DIRECTORY).content.decode()
    assert "laksoy@iom.example" not in page


def test_the_csv_opens_in_excel_in_the_readers_language_and_runs_no_formula(member_client, health):
    response = member_client.get("/tr/meetings/contacts/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffKurum,")
    assert "'=HYPERLINK(1)" in text
    assert "laksoy@iom.example" in text


def test_the_vcards_hold_one_card_per_person_a_phone_can_import(member_client, health):
    response = member_client.get(DIRECTORY + "export.vcf", {"group": "health"})
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    text = response.content.decode("utf-8")
    cards = text.split("BEGIN:VCARD\r\n")[1:]
    assert len(cards) == 3
    (leyla,) = [card for card in cards if "Leyla" in card]
    assert "FN:Dr. Leyla Aksoy\r\n" in leyla
    assert "ORG:International Organization for Migration\r\n" in leyla
    assert "TITLE:co-chair\r\n" in leyla
    assert "TEL;TYPE=WORK,VOICE:+90 232 555 10 20\r\n" in leyla
    assert all(card.endswith("END:VCARD\r\n") for card in cards)
