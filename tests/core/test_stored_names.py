"""Names the portal stores in English in Django's and Wagtail's tables (role groups, agencies'
and thematic groups' groups, the directory's workflow and task) read in the reader's language
wherever they are shown, and stay stored, looked up and compared in English."""

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Task, Workflow

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, ensure_role_groups
from services_map.admin.moderation import TASK_NAME, WORKFLOW_NAME, moderate_directory

pytestmark = pytest.mark.django_db


def shown(value, language):
    """What a template of the admin or of an e-mail prints for `value` in `language`."""
    with translation.override(language):
        return Template("{{ value }}").render(Context({"value": value}))


def test_a_role_group_reads_in_the_readers_language_and_is_stored_in_english():
    ensure_role_groups()
    group = Group.objects.get(name=AGENCY_EDITORS)
    assert shown(group, "tr") == "Kurum editörleri"
    assert shown(group.name, "ar") == "محررو الجهات"
    assert shown(group, "en") == "Agency editors"
    assert group.name == AGENCY_EDITORS
    group.save()
    assert Group.objects.filter(name=AGENCY_EDITORS).exists()


def test_an_agencys_group_translates_its_kind_and_keeps_the_agencys_own_name():
    group = Group.objects.create(name="Agency: Support to Life")
    group = Group.objects.get(pk=group.pk)
    assert shown(group, "tr") == "Kurum: Support to Life"
    assert shown(group, "fa") == "نهاد: Support to Life"
    thematic = Group.objects.get(pk=Group.objects.create(name="Thematic group: Protection").pk)
    assert shown(thematic, "ar") == "مجموعة مواضيعية: Protection"


def test_a_name_somebody_typed_is_shown_as_typed():
    group = Group.objects.get(pk=Group.objects.create(name="Members of the press").pk)
    assert shown(group, "tr") == "Members of the press"


def test_a_name_saved_back_from_a_turkish_form_stays_the_stored_name():
    ensure_role_groups()
    group = Group.objects.get(name=CO_CHAIRS)
    with translation.override("tr"):
        group.name = str(group.name)  # what the form's field showed and sent back: "Eş başkanlar"
    assert group.name == "Eş başkanlar"
    group.save()
    assert Group.objects.filter(pk=group.pk, name=CO_CHAIRS).exists()


def test_a_renamed_group_keeps_its_new_name():
    ensure_role_groups()
    group = Group.objects.get(name=CO_CHAIRS)
    group.name = "Co-chairs 2027"
    group.save()
    assert Group.objects.filter(pk=group.pk, name="Co-chairs 2027").exists()


def test_the_directory_workflow_and_its_task_read_in_the_readers_language(home_page):
    moderate_directory()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = Task.objects.get(name=TASK_NAME).specific
    assert shown(workflow.name, "tr") == "Rehber kayıtları"
    assert shown(task.name, "fa") == "تأیید رئیسان مشترک"
    with translation.override("tr"):
        # Wagtail writes the button and the status this way, with the name in %s.
        label = "Submit to %(workflow_name)s" % {"workflow_name": workflow.name}  # noqa: UP031
        assert label == "Submit to Rehber kayıtları"
        assert f"{task.name}" == "Eş başkan onayı"
