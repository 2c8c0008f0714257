"""Wagtail's user pages in a co-chair's hands: roles yes, superuser no, one agency at most."""

import pytest
from django.contrib.auth.models import Group

from iswg_portal.accounts.roles import AGENCY_EDITORS
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def edit(client, person, groups, **extra):
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": "on",
        "groups": [group.pk for group in groups],
        **extra,
    }
    return client.post(f"/admin/users/edit/{person.pk}/", data)


def test_a_co_chair_cannot_make_anyone_a_superuser(co_chair_client, roles):
    person = UserFactory(role=AGENCY_EDITORS)
    page = co_chair_client.get(f"/admin/users/edit/{person.pk}/").content.decode()
    assert 'name="is_superuser"' not in page
    edit(co_chair_client, person, [roles[AGENCY_EDITORS]], is_superuser="on")
    person.refresh_from_db()
    assert not person.is_superuser


def test_a_superuser_still_can(client, roles):
    client.force_login(UserFactory(is_superuser=True))
    person = UserFactory(role=AGENCY_EDITORS)
    edit(client, person, [roles[AGENCY_EDITORS]], is_superuser="on")
    person.refresh_from_db()
    assert person.is_superuser


def test_two_agencies_for_one_account_are_refused_and_nothing_changes(
    co_chair_client, roles, home_page
):
    directory = build.directory_page()
    first = build.agency(directory, title="First Agency", acronym="FA")
    build.agency(directory, title="Second Agency", acronym="SA")
    person = UserFactory(role=AGENCY_EDITORS, organisation=first)
    groups_before = set(person.groups.values_list("name", flat=True))
    both = Group.objects.filter(name__in=["Agency: First Agency", "Agency: Second Agency"])
    response = edit(co_chair_client, person, [roles[AGENCY_EDITORS], *both])
    assert response.status_code == 200
    assert "An account belongs to one agency at most" in response.content.decode()
    assert set(person.groups.values_list("name", flat=True)) == groups_before
