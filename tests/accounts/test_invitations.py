"""Co-chairs invite people by e-mail; the link sets a password once, within seven days."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import ModelLogEntry

from iswg_portal.accounts.invitations import issue_invitation
from iswg_portal.accounts.models import Invitation, User
from iswg_portal.accounts.roles import AGENCY_EDITORS, MEMBERS
from tests.factories import UserFactory

from .conftest import link_in

NEW_PASSWORD = "Aegean-coast-2026!"


def invite(client, **fields):
    data = {"email": "focal@asam.example", "role": AGENCY_EDITORS, "language": "tr", **fields}
    return client.post("/admin/invitations/new/", data)


def accept(client, path, **fields):
    data = {
        "first_name": "Elif",
        "last_name": "Yıldız",
        "preferred_language": "tr",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **fields,
    }
    return client.post(path, data)


@pytest.mark.django_db
def test_co_chair_invitation_sends_a_link_in_the_chosen_language(
    co_chair_client, home_page, asam_group, mailoutbox
):
    response = invite(co_chair_client, organisation_group=asam_group.pk)
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["focal@asam.example"]
    assert link_in(message).startswith("/tr/accounts/invitation/")
    invitation = Invitation.objects.get()
    with translation.override("tr"):
        turkish_month = date_format(timezone.localtime(invitation.expires_at), "F")
    assert turkish_month in message.body
    assert invitation.organisation_group == asam_group
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)


@pytest.mark.django_db
def test_invitation_stores_no_usable_link(co_chair_client, home_page, mailoutbox):
    invite(co_chair_client)
    token = link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in Invitation.objects.get().token_digest


@pytest.mark.django_db
def test_invited_person_sets_a_password_and_gets_the_role_and_agency(
    client, co_chair_client, home_page, asam_group, mailoutbox
):
    invite(co_chair_client, organisation_group=asam_group.pk)
    path = link_in(mailoutbox[0])
    co_chair_client.logout()
    assert "Elif" not in client.get(path).content.decode()
    response = accept(client, path)
    assert response.status_code == 302
    person = User.objects.get(email="focal@asam.example")
    assert {group.name for group in person.groups.all()} == {AGENCY_EDITORS, asam_group.name}
    assert person.preferred_language == "tr"
    assert person.emailaddress_set.get().verified
    signed_in = client.post(
        "/en/accounts/login/", {"login": "focal@asam.example", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


@pytest.mark.django_db
def test_invitation_link_expires_after_seven_days(client, home_page, co_chair, mailoutbox):
    issue_invitation(email="late@asam.example", role=MEMBERS, invited_by=co_chair)
    path = link_in(mailoutbox[0])
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=7, seconds=1))
    response = accept(client, path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="late@asam.example").exists()


@pytest.mark.django_db
def test_invitation_link_still_works_on_its_last_day(client, home_page, co_chair, mailoutbox):
    issue_invitation(email="ontime@asam.example", role=MEMBERS, invited_by=co_chair)
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=6, hours=23))
    response = accept(client, link_in(mailoutbox[0]))
    assert response.status_code == 302
    assert User.objects.filter(email="ontime@asam.example").exists()


@pytest.mark.django_db
def test_invitation_link_works_only_once(client, home_page, co_chair, mailoutbox):
    issue_invitation(email="once@asam.example", role=MEMBERS, invited_by=co_chair)
    path = link_in(mailoutbox[0])
    accept(client, path)
    again = accept(client, path, password1="Other-pass-2026!", password2="Other-pass-2026!")
    assert again.status_code == 410
    signed_in = client.post(
        "/en/accounts/login/", {"login": "once@asam.example", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token", ["nope", "x" * 5000, "%00", "' OR 1=1 --", "..%2F..%2Fetc%2Fpasswd"]
)
def test_a_made_up_invitation_link_is_not_found(client, home_page, token):
    response = client.get(f"/en/accounts/invitation/{token}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_made_up_invitation_link_says_it_is_not_valid(client, home_page):
    response = client.get("/en/accounts/invitation/made-up/")
    assert "This invitation link is not valid" in response.content.decode()


@pytest.mark.django_db
def test_a_weak_password_is_refused_with_a_reason_and_no_account(
    client, home_page, co_chair, mailoutbox
):
    issue_invitation(email="weak@asam.example", role=MEMBERS, invited_by=co_chair)
    response = accept(client, link_in(mailoutbox[0]), password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(email="weak@asam.example").exists()


@pytest.mark.django_db
def test_two_different_passwords_are_refused(client, home_page, co_chair, mailoutbox):
    issue_invitation(email="typo@asam.example", role=MEMBERS, invited_by=co_chair)
    response = accept(client, link_in(mailoutbox[0]), password2="Aegean-coast-2027!")
    assert "not the same" in response.content.decode()
    assert not User.objects.filter(email="typo@asam.example").exists()


@pytest.mark.django_db
def test_an_address_with_an_account_is_not_invited_again(co_chair_client, home_page, mailoutbox):
    UserFactory(email="focal@asam.example")
    response = invite(co_chair_client)
    assert response.status_code == 200
    assert "has an account already" in response.content.decode()
    assert not mailoutbox


@pytest.mark.django_db
def test_a_sent_invitation_cannot_be_changed_to_another_address(
    co_chair_client, home_page, mailoutbox
):
    invite(co_chair_client)
    invitation = Invitation.objects.get()
    response = co_chair_client.post(
        f"/admin/invitations/edit/{invitation.pk}/",
        {"email": "someone.else@evil.example", "role": AGENCY_EDITORS, "language": "en"},
    )
    assert response.url == f"/admin/invitations/inspect/{invitation.pk}/"
    invitation.refresh_from_db()
    assert invitation.email == "focal@asam.example"


@pytest.mark.django_db
def test_only_co_chairs_may_invite(client, home_page, roles, mailoutbox):
    client.force_login(UserFactory(role=AGENCY_EDITORS))
    response = invite(client)
    assert response.status_code in {302, 403}
    assert not Invitation.objects.exists()
    assert not mailoutbox


@pytest.mark.django_db
def test_sending_and_accepting_are_in_the_audit_log(client, co_chair_client, home_page, mailoutbox):
    invite(co_chair_client)
    accept(client, link_in(mailoutbox[0]))
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"iswg.invitation.send", "iswg.invitation.accept"} <= actions


@pytest.mark.django_db
def test_a_turkish_invitation_names_the_role_in_turkish_whatever_the_co_chairs_language(
    co_chair_client, home_page, mailoutbox
):
    invite(co_chair_client)  # the co-chair's admin is in English, the invitation in Turkish
    [message] = mailoutbox
    assert "Kurum editörü olarak" in message.body
    assert "Agency editor" not in message.body
