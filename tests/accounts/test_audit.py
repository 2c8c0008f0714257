"""Role changes and other account decisions are in Wagtail's audit log, readable by co-chairs."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from iswg_portal.accounts.roles import AGENCY_EDITORS, GROUP_LEADS, MEMBERS
from tests.factories import UserFactory


@pytest.mark.django_db
def test_a_role_given_in_the_admin_is_logged_with_the_co_chair(co_chair, co_chair_client, roles):
    person = UserFactory(email="member@agency.example", role=MEMBERS)
    ModelLogEntry.objects.all().delete()
    co_chair_client.post(
        f"/admin/users/edit/{person.pk}/",
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": "on",
            "groups": [roles[MEMBERS].pk, roles[GROUP_LEADS].pk],
        },
    )
    entry = ModelLogEntry.objects.get(action="iswg.account.roles")
    assert entry.user == co_chair
    assert entry.object_id == str(person.pk)
    assert entry.data == {"added": [GROUP_LEADS]}


@pytest.mark.django_db
def test_a_role_removed_is_logged(roles):
    person = UserFactory(role=AGENCY_EDITORS)
    person.groups.remove(roles[AGENCY_EDITORS])
    entry = ModelLogEntry.objects.filter(action="iswg.account.roles").latest("timestamp")
    assert entry.data == {"removed": [AGENCY_EDITORS]}


@pytest.mark.django_db
def test_people_added_from_the_groups_side_are_logged_too(roles):
    person = UserFactory()
    agency = Group.objects.create(name="Agency: TRC")
    agency.user_set.add(person)
    entry = ModelLogEntry.objects.filter(action="iswg.account.roles").latest("timestamp")
    assert entry.object_id == str(person.pk)
    assert entry.data == {"added": ["Agency: TRC"]}


@pytest.mark.django_db
def test_co_chair_filters_the_site_history_by_an_account_action(co_chair_client, roles):
    person = UserFactory(email="lead@agency.example", role=GROUP_LEADS)
    person.groups.remove(roles[GROUP_LEADS])
    response = co_chair_client.get("/admin/reports/site-history/?action=iswg.account.roles")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Account: roles changed" in html
    assert "Groups removed: Group leads" in html


@pytest.mark.django_db
def test_an_agency_editor_does_not_read_the_account_log(client, roles):
    person = UserFactory(email="lead@agency.example", role=GROUP_LEADS)
    person.groups.remove(roles[GROUP_LEADS])
    client.force_login(UserFactory(role=AGENCY_EDITORS))
    response = client.get("/admin/reports/site-history/?action=iswg.account.roles")
    assert "Groups removed: Group leads" not in response.content.decode()
