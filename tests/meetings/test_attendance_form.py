"""Attendance in the meeting editor: the group's agencies listed to tick, guests added by name,
nothing recorded until somebody records it."""

import pytest

from meetings.models import MeetingAttendance, MeetingPage
from tests.factories.meetings import make_meeting
from tests.html_forms import rendered_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(group):
    return make_meeting(group, title="March plenary", agenda=[{"title": "Updates"}])


@pytest.fixture
def editor(client, co_chair):
    client.force_login(co_chair)
    return client


def edit_form(client, meeting):
    """The editor's fields as rendered, with the agenda's, which its script would write."""
    form = rendered_form(client.get(f"/admin/pages/{meeting.pk}/edit/"))
    form["agenda-count"] = ["1"]
    item = {"type": "item", "deleted": "", "order": "0", "id": "", "value-title": "Updates"}
    item.update(
        {"value-kind": "standard", "value-outcomes-count": "0", "value-documents-count": "0"}
    )
    form.update({f"agenda-0-{name}": [value] for name, value in item.items()})
    return form


def row_of(form, agency):
    """The attendance row prefix ("attendance-2") whose agency is this one."""
    total = int(form["attendance-TOTAL_FORMS"][0])
    for index in range(total):
        if form.get(f"attendance-{index}-agency") == [str(agency.pk)]:
            return f"attendance-{index}"
    raise AssertionError(f"no attendance row for {agency}")


def publish(client, meeting, form):
    form["action-publish"] = ["action-publish"]
    return client.post(f"/admin/pages/{meeting.pk}/edit/", form)


def recorded(meeting):
    return {
        (row.agency.acronym if row.agency else row.name): row.presence
        for row in MeetingPage.objects.get(pk=meeting.pk).attendance.select_related("agency")
    }


def test_the_editor_lists_the_groups_agencies_with_nobody_ticked(editor, meeting, agencies):
    form = edit_form(editor, meeting)
    assert form["attendance-INITIAL_FORMS"] == ["0"]
    assert form["attendance-TOTAL_FORMS"] == ["3"]
    for agency in agencies.values():
        assert f"{row_of(form, agency)}-presence" not in form


def test_an_agenda_published_before_the_meeting_records_no_attendance(editor, meeting):
    response = publish(editor, meeting, edit_form(editor, meeting))
    assert response.status_code == 302
    assert recorded(meeting) == {}


def test_the_agencies_left_unticked_are_recorded_absent(editor, meeting, agencies):
    form = edit_form(editor, meeting)
    form[f"{row_of(form, agencies['unhcr'])}-presence"] = ["present"]
    form[f"{row_of(form, agencies['iom'])}-presence"] = ["apologies"]
    assert publish(editor, meeting, form).status_code == 302
    assert recorded(meeting) == {"UNHCR": "present", "IOM": "apologies", "ASAM": "absent"}


def test_recorded_attendance_is_shown_as_saved_without_rows_added(editor, meeting, agencies):
    form = edit_form(editor, meeting)
    form[f"{row_of(form, agencies['asam'])}-presence"] = ["present"]
    publish(editor, meeting, form)
    form = edit_form(editor, meeting)
    assert form["attendance-INITIAL_FORMS"] == form["attendance-TOTAL_FORMS"] == ["3"]


def add_guest(form, **fields):
    index = int(form["attendance-TOTAL_FORMS"][0])
    form["attendance-TOTAL_FORMS"] = [str(index + 1)]
    values = {"presence": "present", "participants": "1", "ORDER": str(index + 1), **fields}
    for name, value in values.items():
        form[f"attendance-{index}-{name}"] = [value]


def test_a_guest_who_came_on_their_own_is_recorded_by_name(editor, meeting, agencies):
    form = edit_form(editor, meeting)
    form[f"{row_of(form, agencies['unhcr'])}-presence"] = ["present"]
    add_guest(form, name="Ayşe Yılmaz, Buca Municipality")
    assert publish(editor, meeting, form).status_code == 302
    assert recorded(meeting)["Ayşe Yılmaz, Buca Municipality"] == "present"
    page = editor.get(MeetingPage.objects.get(pk=meeting.pk).url).content.decode()
    assert "Ayşe Yılmaz, Buca Municipality" in page


def test_a_guest_row_naming_nobody_is_refused(editor, meeting):
    form = edit_form(editor, meeting)
    add_guest(form)
    response = publish(editor, meeting, form)
    assert response.status_code == 200
    assert "Choose an agency or write the guest&#x27;s name." in response.content.decode()
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 0
