"""Helpers for the account tests: links out of e-mails, role groups, an agency's own group."""

import re
import uuid

import pytest
from django.contrib.auth.models import Group

from iswg_portal.accounts.models import Organisation
from iswg_portal.accounts.roles import CO_CHAIRS, ROLE_GROUPS
from tests.factories import UserFactory


def link_in(message):
    """The first http(s) link in an e-mail's body, as a path on the test server."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def roles(db):
    """The role groups by name, as the migrations make them."""
    return {group.name: group for group in Group.objects.filter(name__in=ROLE_GROUPS)}


@pytest.fixture
def asam_group(db):
    """The Django group that stands for one agency (ASAM)."""
    group = Group.objects.create(name="Agency: ASAM")
    Organisation.objects.create(
        group=group, kind=Organisation.Kind.AGENCY, translation_key=uuid.uuid4()
    )
    return group


@pytest.fixture
def co_chair(roles):
    """A co-chair with two-factor set up, writing e-mail in English."""
    return UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS, preferred_language="en")


@pytest.fixture
def co_chair_client(client, co_chair):
    """A browser signed in as the co-chair."""
    client.force_login(co_chair)
    return client
