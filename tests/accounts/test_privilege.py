"""Privilege is ordered (superuser > co-chair > everybody else) on Wagtail's user pages, and an
e-mail change made there waits for the new address to confirm it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from tests.accounts.conftest import link_in
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def edit_data(person, **changes):
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": "on",
        "groups": [group.pk for group in person.groups.all()],
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def turned_away(response):
    """Wagtail's own answer to a denied admin action: back to the dashboard with "Sorry, you
    do not have permission to access this area." (as the permission matrix checks)."""
    return response.status_code == 302 and response.url == "/admin/"


def bulk_url(action, *people):
    url = reverse("wagtail_bulk_action", args=("accounts", "user", action))
    return url + "?" + "&".join(f"id={person.pk}" for person in people)


@pytest.fixture
def superuser(roles):
    return UserFactory(email="root@iswg.example", is_superuser=True)


@pytest.fixture
def other_co_chair(roles):
    return UserFactory(email="cochair@iom.example", role=CO_CHAIRS)


@pytest.fixture
def member(roles):
    return UserFactory(email="member@asam.example", role=MEMBERS, preferred_language="en")


@pytest.fixture
def administrators(db):
    """A group with rights a co-chair does not have: managing accounts and groups."""
    group = Group.objects.create(name="Administrators")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["add_user", "delete_user", "change_group"])
    )
    return group


def test_a_co_chair_cannot_open_a_superusers_account(co_chair_client, superuser):
    assert turned_away(co_chair_client.get(f"/admin/users/edit/{superuser.pk}/"))


def test_a_co_chair_cannot_change_a_superusers_email(co_chair_client, superuser, mailoutbox):
    response = co_chair_client.post(
        f"/admin/users/edit/{superuser.pk}/", edit_data(superuser, email="taken@evil.example")
    )
    assert turned_away(response)
    superuser.refresh_from_db()
    assert superuser.email == "root@iswg.example"
    assert not EmailAddress.objects.filter(email="taken@evil.example").exists()
    assert mailoutbox == []


def test_a_co_chair_cannot_change_another_co_chairs_email(co_chair_client, other_co_chair):
    page = co_chair_client.get(f"/admin/users/edit/{other_co_chair.pk}/").content.decode()
    assert re.search(r'<input[^>]*name="email"[^>]*disabled', page)
    response = co_chair_client.post(
        f"/admin/users/edit/{other_co_chair.pk}/",
        edit_data(other_co_chair, email="taken@evil.example"),
    )
    assert turned_away(response)
    assert not EmailAddress.objects.filter(email="taken@evil.example").exists()


def test_a_co_chair_cannot_deactivate_another_co_chair_in_the_edit_form(
    co_chair_client, other_co_chair
):
    co_chair_client.post(
        f"/admin/users/edit/{other_co_chair.pk}/", edit_data(other_co_chair, is_active=None)
    )
    other_co_chair.refresh_from_db()
    assert other_co_chair.is_active


def test_a_co_chair_cannot_take_another_co_chairs_role_away(
    co_chair_client, other_co_chair, member
):
    co_chair_client.post(
        f"/admin/users/edit/{other_co_chair.pk}/",
        edit_data(other_co_chair, groups=[member.groups.get().pk]),
    )
    assert other_co_chair.groups.filter(name=CO_CHAIRS).exists()


@pytest.mark.parametrize("target", ["superuser", "other_co_chair"])
def test_a_co_chair_cannot_deactivate_a_peer_or_superior_in_bulk(co_chair_client, request, target):
    person = request.getfixturevalue(target)
    response = co_chair_client.post(
        bulk_url("set_active_state", person), {"mark_as_active": "False"}
    )
    assert turned_away(response)
    person.refresh_from_db()
    assert person.is_active


def test_a_co_chair_still_deactivates_a_member_in_bulk(co_chair_client, member):
    co_chair_client.post(bulk_url("set_active_state", member), {"mark_as_active": "False"})
    member.refresh_from_db()
    assert not member.is_active


def test_a_superuser_may_deactivate_a_co_chair(client, superuser, other_co_chair):
    client.force_login(superuser)
    client.post(bulk_url("set_active_state", other_co_chair), {"mark_as_active": "False"})
    other_co_chair.refresh_from_db()
    assert not other_co_chair.is_active


def test_a_co_chair_cannot_give_a_group_above_their_rights(
    co_chair_client, co_chair, member, administrators
):
    page = co_chair_client.get(f"/admin/users/edit/{member.pk}/").content.decode()
    assert "Administrators" not in page
    co_chair_client.post(
        f"/admin/users/edit/{member.pk}/",
        edit_data(member, groups=[*member.groups.values_list("pk", flat=True), administrators.pk]),
    )
    response = co_chair_client.post(
        bulk_url("assign_role", member, co_chair), {"role": administrators.pk}
    )
    assert turned_away(response)
    assert not administrators.user_set.exists()


def test_a_co_chairs_save_keeps_a_group_they_may_not_give(co_chair_client, member, administrators):
    member.groups.add(administrators)
    co_chair_client.post(
        f"/admin/users/edit/{member.pk}/",
        edit_data(member, first_name="Renamed", groups=[member.groups.get(name=MEMBERS).pk]),
    )
    member.refresh_from_db()
    assert member.first_name == "Renamed"
    assert member.groups.filter(name="Administrators").exists()


# --- An e-mail change made in the admin -----------------------------------------------------


@pytest.fixture
def email_changed(co_chair_client, member, mailoutbox):
    """A co-chair types a new address for the member in the admin."""
    response = co_chair_client.post(
        f"/admin/users/edit/{member.pk}/", edit_data(member, email="new@asam.example")
    )
    assert response.status_code == 302
    return mailoutbox


def test_an_email_change_waits_for_the_new_address(email_changed, member):
    member.refresh_from_db()
    assert member.email == "member@asam.example"
    assert EmailAddress.objects.get_primary(member).email == "member@asam.example"


def test_the_new_address_gets_a_confirmation_link_and_the_old_one_is_told(email_changed):
    by_recipient = {message.to[0]: message for message in email_changed}
    assert set(by_recipient) == {"new@asam.example", "member@asam.example"}
    assert "/accounts/confirm-email/" in by_recipient["new@asam.example"].body
    told = by_recipient["member@asam.example"]
    assert "new@asam.example" in told.body
    assert "/accounts/confirm-email/" not in told.body


def test_a_password_reset_never_goes_to_an_unconfirmed_address(client, email_changed):
    email_changed.clear()
    client.post("/en/accounts/password/reset/", {"email": "new@asam.example"})
    assert all("/accounts/password/reset/key/" not in m.body for m in email_changed)


def test_the_old_address_still_receives_password_resets(client, email_changed):
    email_changed.clear()
    client.post("/en/accounts/password/reset/", {"email": "member@asam.example"})
    assert [m.to for m in email_changed] == [["member@asam.example"]]


def test_following_the_link_makes_the_new_address_the_accounts(client, email_changed, member):
    [confirmation] = [m for m in email_changed if m.to == ["new@asam.example"]]
    email_changed.clear()
    client.post(link_in(confirmation))
    member.refresh_from_db()
    assert member.email == "new@asam.example"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "new@asam.example"
    ]
    assert ["member@asam.example"] in [m.to for m in email_changed]
    signed_in = client.login(email="new@asam.example", password=PASSWORD)
    assert signed_in
