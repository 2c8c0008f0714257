"""Each agency and thematic group page has its own Django group with rights on its pages."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, ModelLogEntry

from iswg_portal.accounts.models import Organisation
from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS
from tests.factories import UserFactory
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def rights(group, page):
    return sorted(
        group.page_permissions.filter(page=page).values_list("permission__codename", flat=True)
    )


@pytest.fixture
def directory(home_page):
    return build.directory_page()


def test_creating_an_agency_creates_its_group_with_edit_rights_but_no_publishing(directory):
    agency = build.agency(directory, title="Support to Life", acronym="STL")
    group = Group.objects.get(name="Agency: Support to Life")
    assert group.organisation.kind == Organisation.Kind.AGENCY
    assert rights(group, agency) == ["add_page", "change_page"]
    log = ModelLogEntry.objects.filter(action="iswg.organisation.create").get()
    assert "Support to Life" in log.data["name"]


def test_a_thematic_group_page_gives_its_leads_publishing_rights(home_page):
    page = meeting_factories.make_group(home_page, title="Health Working Group")
    group = Group.objects.get(name="Thematic group: Health Working Group")
    assert rights(group, page) == [
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
    ]


def test_renaming_the_agency_renames_its_group_and_keeps_its_people(directory):
    agency = build.agency(directory, title="Refugee Rights", acronym="RR")
    editor = UserFactory(role=AGENCY_EDITORS, organisation=agency)
    agency.title = "Refugee Rights Türkiye"
    agency.save_revision().publish()
    group = Organisation.objects.get(translation_key=agency.translation_key).group
    assert group.name == "Agency: Refugee Rights Türkiye"
    assert editor.groups.filter(pk=group.pk).exists()
    assert ModelLogEntry.objects.filter(action="iswg.organisation.rename").exists()


def test_a_draft_rename_leaves_the_group_as_it_is_until_published(directory):
    agency = build.agency(directory, title="Refugee Rights", acronym="RR")
    agency.title = "Refugee Rights Türkiye"
    with CaptureQueriesContext(connection) as draft:
        agency.save_revision()
    group = Organisation.objects.get(translation_key=agency.translation_key).group
    assert group.name == "Agency: Refugee Rights"
    # Recording the draft does not even look at the organisation.
    assert not any("accounts_organisation" in query["sql"] for query in draft)
    agency.save_revision().publish()
    group.refresh_from_db()
    assert group.name == "Agency: Refugee Rights Türkiye"


def test_a_translation_of_the_agency_page_is_covered_by_the_same_group(directory):
    agency = build.agency(directory, title="Buca Municipality", acronym="BUCA")
    turkish = agency.copy_for_translation(Locale.objects.get(language_code="tr"))
    group = Group.objects.get(name="Agency: Buca Municipality")
    assert rights(group, turkish) == ["add_page", "change_page"]
    assert Group.objects.filter(name__startswith="Agency: Buca").count() == 1


def test_two_agencies_with_the_same_name_get_two_groups(directory):
    build.agency(directory, title="Migrant Health Centre", acronym="MHC1")
    build.agency(directory, title="Migrant Health Centre", acronym="MHC2")
    assert sorted(
        Group.objects.filter(organisation__isnull=False).values_list("name", flat=True)
    ) == [
        "Agency: Migrant Health Centre",
        "Agency: Migrant Health Centre (2)",
    ]


def test_deleting_the_agency_removes_its_group_and_its_peoples_rights(directory):
    agency = build.agency(directory, title="Closed Association", acronym="CA")
    editor = UserFactory(role=AGENCY_EDITORS, organisation=agency)
    for page in agency.get_translations(inclusive=True):
        page.delete()
    assert not Group.objects.filter(name="Agency: Closed Association").exists()
    assert list(editor.groups.values_list("name", flat=True)) == [AGENCY_EDITORS]
    log = ModelLogEntry.objects.filter(action="iswg.organisation.remove").get()
    assert log.data["members"] == [editor.email]


def test_an_account_belongs_to_one_agency_at_most(directory):
    first = build.agency(directory, title="First Agency", acronym="FA")
    second = build.agency(directory, title="Second Agency", acronym="SA")
    group_page = meeting_factories.make_group(directory.get_parent(), title="Livelihoods WG")
    editor = UserFactory(role=AGENCY_EDITORS, organisation=first)
    from iswg_portal.accounts.organisations import join

    join(editor, Organisation.objects.get(translation_key=second.translation_key).group)
    join(editor, Organisation.objects.get(translation_key=group_page.translation_key).group)
    assert sorted(editor.groups.values_list("name", flat=True)) == [
        AGENCY_EDITORS,
        "Agency: Second Agency",
        "Thematic group: Livelihoods WG",
    ]


def test_role_groups_come_from_the_migrations_with_their_rights(db):
    """No seeding: the data migration made the four roles, and Wagtail's starter groups and
    starter workflow are gone."""
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Members", AGENCY_EDITORS, GROUP_LEADS, CO_CHAIRS} <= names
    assert not names & {"Editors", "Moderators"}
    co_chairs = Group.objects.get(name=CO_CHAIRS)
    codenames = set(co_chairs.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_actionpoint", "change_problemreport", "add_invitation"} <= (
        codenames
    )
    assert co_chairs.page_permissions.filter(page__depth=1).count() == 6
