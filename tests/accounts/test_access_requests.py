"""Anyone may ask for an account; co-chairs approve or decline; until then, no rights."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import ModelLogEntry

from iswg_portal.accounts.models import AccessRequest, Invitation, User
from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, MEMBERS
from tests.factories import UserFactory
from tests.proxy import through_load_balancer

from .conftest import link_in

FORM = {
    "name": "Mehmet Aydın",
    "email": "mehmet@sgdd.example",
    "agency": "SGDD-ASAM İzmir",
    "role_wanted": AGENCY_EDITORS,
    "reason": "I keep our İzmir service listings current.",
}


def file_request(client, language="tr", request_headers=None, **fields):
    return client.post(
        f"/{language}/accounts/request-access/", {**FORM, **fields}, **(request_headers or {})
    )


@pytest.fixture
def pending(client, home_page, roles):
    """A stranger's request, filed in Turkish, waiting for a decision."""
    file_request(client)
    return AccessRequest.objects.get()


def decide(client, access_request, **fields):
    return client.post(f"/admin/access-requests/edit/{access_request.pk}/", fields)


@pytest.mark.django_db
def test_anyone_may_file_a_request_that_waits_for_a_co_chair(client, home_page, roles):
    response = file_request(client)
    assert response.status_code == 302
    assert response.url == "/tr/accounts/request-access/sent/"
    access_request = AccessRequest.objects.get()
    assert access_request.status == AccessRequest.Status.PENDING
    assert access_request.language == "tr"


@pytest.mark.django_db
def test_filing_a_request_creates_no_account(client, home_page, roles):
    file_request(client)
    assert not User.objects.filter(email="mehmet@sgdd.example").exists()


@pytest.mark.django_db
def test_co_chairs_are_told_of_a_request_in_their_own_language(
    client, home_page, roles, mailoutbox
):
    UserFactory(email="cochair@iom.example", role=CO_CHAIRS, preferred_language="tr")
    UserFactory(email="member@agency.example", role=MEMBERS)
    file_request(client, language="en")
    [message] = mailoutbox
    assert message.to == ["cochair@iom.example"]
    assert "/admin/access-requests/edit/" in message.body
    filed = AccessRequest.objects.get().created_at
    with translation.override("tr"):
        turkish_month = date_format(timezone.localtime(filed), "F")
    assert turkish_month in message.body


@pytest.mark.django_db
def test_a_bot_filling_the_hidden_field_files_nothing(client, home_page, roles, mailoutbox):
    response = file_request(client, website="http://spam.example")
    assert response.status_code == 302
    assert not AccessRequest.objects.exists()


@pytest.mark.django_db
def test_the_hidden_field_is_hidden_from_people(client, home_page):
    html = client.get("/en/accounts/request-access/").content.decode()
    assert 'class="field field--trap" aria-hidden="true"' in html
    assert 'tabindex="-1"' in html


@pytest.mark.django_db
def test_a_flood_of_requests_is_rate_limited(client, home_page, roles):
    for n in range(5):
        assert file_request(client, email=f"person{n}@x.example").status_code == 302
    response = file_request(client, email="sixth@x.example")
    assert response.status_code == 429
    # The request was filed from the Turkish page, which now answers in Turkish.
    assert "Çok fazla deneme" in response.content.decode()
    assert AccessRequest.objects.count() == 5


@pytest.mark.django_db
def test_behind_the_load_balancer_one_visitors_flood_does_not_refuse_another(
    client, home_page, roles, behind_one_load_balancer
):
    flooding = through_load_balancer("198.51.100.66")
    for n in range(6):
        file_request(client, request_headers=flooding, email=f"person{n}@x.example")
    response = file_request(
        client, request_headers=through_load_balancer("203.0.113.10"), email="real@x.example"
    )
    assert response.status_code == 302
    assert AccessRequest.objects.filter(email="real@x.example").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field_in_error",
    [
        ({"email": "not-an-address"}, "email"),
        ({"role_wanted": "Superusers"}, "role_wanted"),
        ({"name": ""}, "name"),
        ({"reason": "x" * 5000}, "reason"),
        ({"agency": "a" * 1000}, "agency"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(
    client, home_page, roles, fields, field_in_error
):
    response = file_request(client, **fields)
    assert response.status_code == 200
    assert field_in_error in response.context["form"].errors
    assert 'class="errorlist' in response.content.decode()
    assert not AccessRequest.objects.exists()


@pytest.mark.django_db
def test_co_chair_approval_sends_an_invitation_in_the_requesters_language(
    co_chair_client, pending, asam_group, mailoutbox
):
    mailoutbox.clear()
    response = decide(
        co_chair_client,
        pending,
        decision="approve",
        granted_role=AGENCY_EDITORS,
        organisation_group=asam_group.pk,
        decision_note="Welcome.",
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == AccessRequest.Status.APPROVED
    invitation = Invitation.objects.get(email="mehmet@sgdd.example")
    assert invitation.role == AGENCY_EDITORS
    assert invitation.organisation_group == asam_group
    [message] = mailoutbox
    assert link_in(message).startswith("/tr/accounts/invitation/")
    assert "Welcome." in message.body


@pytest.mark.django_db
def test_approval_gives_an_existing_account_its_role_at_once(co_chair_client, pending, mailoutbox):
    existing = UserFactory(email="mehmet@sgdd.example")
    decide(co_chair_client, pending, decision="approve", granted_role=MEMBERS)
    assert list(existing.groups.values_list("name", flat=True)) == [MEMBERS]
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_co_chair_decline_tells_the_person_and_gives_nothing(co_chair_client, pending, mailoutbox):
    mailoutbox.clear()
    response = decide(co_chair_client, pending, decision="decline", decision_note="Not a partner.")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == AccessRequest.Status.DECLINED
    [message] = mailoutbox
    assert message.to == ["mehmet@sgdd.example"]
    assert "Not a partner." in message.body
    assert not Invitation.objects.exists()
    assert not User.objects.filter(email="mehmet@sgdd.example").exists()


@pytest.mark.django_db
def test_a_decided_request_cannot_be_decided_again(co_chair_client, pending, mailoutbox):
    decide(co_chair_client, pending, decision="decline")
    response = decide(co_chair_client, pending, decision="approve", granted_role=CO_CHAIRS)
    assert response.status_code == 200
    assert "decided on this request already" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == AccessRequest.Status.DECLINED
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_approval_needs_a_role(co_chair_client, pending):
    response = decide(co_chair_client, pending, decision="approve", granted_role="")
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == AccessRequest.Status.PENDING


@pytest.mark.django_db
def test_decisions_are_in_the_audit_log_with_the_co_chair(co_chair_client, co_chair, pending):
    decide(co_chair_client, pending, decision="decline", decision_note="Duplicate.")
    entry = ModelLogEntry.objects.get(action="iswg.access_request.decline")
    assert entry.user == co_chair
    assert entry.data["note"] == "Duplicate."


@pytest.mark.django_db
@pytest.mark.parametrize("role", [MEMBERS, AGENCY_EDITORS])
def test_only_co_chairs_may_decide(client, pending, role):
    client.force_login(UserFactory(role=role))
    decide(client, pending, decision="approve", granted_role=CO_CHAIRS)
    pending.refresh_from_db()
    assert pending.status == AccessRequest.Status.PENDING
    assert client.get("/admin/access-requests/").status_code in {302, 403}


@pytest.mark.django_db
def test_even_a_superuser_cannot_write_a_request_in_the_admin(client, home_page, roles):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert "Add access request" not in client.get("/admin/access-requests/").content.decode()
    response = client.post("/admin/access-requests/new/", {"decision": "approve"})
    assert response.status_code == 302
    assert not AccessRequest.objects.exists()


@pytest.mark.django_db
def test_the_decision_page_shows_the_request_to_the_co_chair(co_chair_client, pending):
    html = co_chair_client.get(f"/admin/access-requests/edit/{pending.pk}/").content.decode()
    assert "SGDD-ASAM İzmir" in html
    assert "I keep our İzmir service listings current." in html
    assert 'name="decision"' in html


@pytest.mark.django_db
def test_the_decision_form_offers_the_role_asked_for(co_chair_client, pending):
    response = co_chair_client.get(f"/admin/access-requests/edit/{pending.pk}/")
    assert response.context["form"]["granted_role"].value() == AGENCY_EDITORS


@pytest.mark.django_db
def test_a_wrong_field_in_a_request_is_marked_and_names_its_error(client, home_page, roles):
    response = file_request(client, language="en", email="not an address", name="")
    html = BeautifulSoup(response.content, "html.parser")
    for field_id in ("id_email", "id_name"):
        field = html.select_one(f"#{field_id}")
        assert field["aria-invalid"] == "true"
        error = html.select_one(f"#{field['aria-describedby'].split()[-1]}")
        assert "errorlist" in error["class"]
        assert error.get_text(strip=True)
    reason = html.select_one("#id_reason")
    assert not reason.has_attr("aria-invalid")
    help_text = html.select_one(f"#{reason['aria-describedby']}")
    assert "What you will do on the portal" in help_text.get_text()
