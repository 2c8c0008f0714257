"""Action points stay true: the minutes create them once and later changes are the point's own;
the responsible agency is e-mailed once per assignment in each person's language; progress
notes and a history of every change, seen only by those who may see the point."""

from datetime import date

import pytest

from iswg_portal.accounts.roles import AGENCY_EDITORS, GROUP_LEADS, MEMBERS
from meetings.models import ActionPoint, MeetingPage
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories.meetings import action_point_admin_form as admin_form
from tests.factories.meetings import istanbul, make_group, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db

ADMIN_LIST = "/admin/snippets/meetings/actionpoint/"
TRACKER = "/en/meetings/action-points/"
ASSIGNED = "New action point for"


def minutes(agency, text="Map the Buca shelters", due=date(2031, 12, 15)):
    return [
        {
            "title": "Shelter",
            "outcomes": [
                {
                    "kind": "action_point",
                    "text": text,
                    "responsible_agency": agency,
                    "due_date": due,
                }
            ],
        }
    ]


def assignment_mails(outbox):
    return [mail for mail in outbox if "action point" in mail.subject or "eylem" in mail.subject]


@pytest.fixture(scope="module")
def minuted(plenary):
    """A meeting of the ISWG plenary (see plenary in conftest.py) whose minutes give ASAM an
    action point, published before anyone works for ASAM, and that point; built once for the
    module."""
    meeting = make_meeting(
        plenary["group"], start=istanbul(2031, 12, 3), agenda=minutes(plenary["agencies"]["asam"])
    )
    return {"meeting": meeting, "point": ActionPoint.objects.get(text="Map the Buca shelters")}


@pytest.fixture
def meeting(minuted, db):
    """The module's meeting (see minuted), read anew for the test."""
    return read_again(minuted["meeting"])


@pytest.fixture
def point(minuted, db):
    """The action point of the module's meeting, read anew for the test."""
    return read_again(minuted["point"])


@pytest.fixture
def meeting_published_here(group, agencies):
    """Another meeting with the same minutes, published within the test, so that the test
    receives the e-mails its publication sends."""
    return make_meeting(group, start=istanbul(2031, 12, 3), agenda=minutes(agencies["asam"]))


@pytest.fixture
def co_chair_client(client, co_chair):
    client.force_login(co_chair)
    return client


def edit_in_admin(client, point, **changes):
    response = client.post(f"{ADMIN_LIST}edit/{point.pk}/", admin_form(point, **changes))
    assert response.status_code == 302, response.content.decode()[-2000:]
    point.refresh_from_db()
    return point


# The minutes create a point once; later changes are its own


def test_due_date_moved_in_the_admin_survives_the_next_publication(co_chair_client, meeting, point):
    edit_in_admin(co_chair_client, point, due_date="2031-12-31")
    publish(MeetingPage.objects.get(pk=meeting.pk))
    point.refresh_from_db()
    assert point.due_date == date(2031, 12, 31)
    assert "31 Dec 2031" in co_chair_client.get(TRACKER).content.decode()


def test_text_and_agency_changed_in_the_admin_survive_the_next_publication(
    co_chair_client, meeting, point, agencies
):
    edit_in_admin(
        co_chair_client,
        point,
        text="Map Buca and Karabağlar",
        responsible_agency=agencies["iom"].pk,
    )
    publish(MeetingPage.objects.get(pk=meeting.pk))
    point.refresh_from_db()
    assert (point.text, point.responsible_agency) == ("Map Buca and Karabağlar", agencies["iom"])


def test_status_changed_on_the_tracker_survives_the_next_publication(
    co_chair_client, meeting, point
):
    co_chair_client.post(f"/en/meetings/action-points/{point.pk}/status/", {"status": "done"})
    publish(MeetingPage.objects.get(pk=meeting.pk))
    point.refresh_from_db()
    assert point.status == ActionPoint.Status.DONE


def test_point_taken_out_of_the_minutes_keeps_its_notes(co_chair_client, meeting, point, agencies):
    co_chair_client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "Half done"})
    page = MeetingPage.objects.get(pk=meeting.pk)
    set_agenda(page, [{"title": "Shelter"}])
    publish(page)
    assert ActionPoint.objects.filter(pk=point.pk).exists()


# The responsible agency is told, once


@pytest.fixture
def asam_editor(agencies):
    """Someone who works for ASAM and reads the portal in Turkish."""
    return UserFactory(
        email="editor@asam.example",
        role=AGENCY_EDITORS,
        organisation=agencies["asam"],
        preferred_language="tr",
    )


def test_publication_emails_the_responsible_agency_in_each_persons_language(
    group, agencies, asam_editor, mailoutbox
):
    make_meeting(group, start=istanbul(2031, 12, 3), agenda=minutes(agencies["asam"]))
    by_address = {mail.to[0]: mail for mail in assignment_mails(mailoutbox)}
    assert sorted(by_address) == ["editor@asam.example", "focal@asam.example"]
    assert by_address["editor@asam.example"].subject.endswith("ASAM için yeni eylem maddesi")
    assert "Map the Buca shelters" in by_address["editor@asam.example"].body
    assert "15 Aralık 2031" in by_address["editor@asam.example"].body
    assert by_address["focal@asam.example"].subject.endswith("New action point for ASAM")


def test_republication_does_not_email_the_agency_again(
    asam_editor, meeting_published_here, mailoutbox
):
    sent = len(assignment_mails(mailoutbox))
    publish(MeetingPage.objects.get(pk=meeting_published_here.pk))
    assert sent == 2
    assert len(assignment_mails(mailoutbox)) == sent


def test_reassigning_in_the_admin_emails_the_new_agency_once(
    co_chair_client, point, agencies, mailoutbox
):
    iom_person = UserFactory(email="staff@iom.example", role=MEMBERS, organisation=agencies["iom"])
    mailoutbox.clear()
    edit_in_admin(co_chair_client, point, responsible_agency=agencies["iom"].pk)
    edit_in_admin(co_chair_client, point, due_date="2031-12-31")
    assert [mail.to for mail in assignment_mails(mailoutbox)] == [[iom_person.email]]
    assert "New action point for IOM" in mailoutbox[0].subject


def test_members_only_point_is_emailed_only_to_members(group, agencies, asam_editor, mailoutbox):
    make_meeting(
        group,
        start=istanbul(2031, 12, 3),
        agenda=minutes(agencies["asam"], text="Confidential case follow-up"),
        visibility=MeetingPage.Visibility.MEMBERS,
    )
    assert [mail.to for mail in assignment_mails(mailoutbox)] == [["editor@asam.example"]]


# Progress notes


def test_co_chair_adds_a_progress_note_on_the_tracker(co_chair_client, co_chair, point):
    response = co_chair_client.post(
        f"/en/meetings/action-points/{point.pk}/notes/",
        {"text": "Two shelters mapped"},
        follow=True,
    )
    html = response.content.decode()
    assert "Two shelters mapped" in html
    assert f"by {co_chair.get_full_name() or co_chair.email}" in html or str(co_chair) in html


def test_member_reads_notes_but_cannot_add_one(client, co_chair_client, point, member):
    co_chair_client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "Two mapped"})
    client.force_login(member)
    assert "Two mapped" in client.get(TRACKER).content.decode()
    response = client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "Mine"})
    assert response.status_code == 403
    assert point.notes.count() == 1


def test_group_lead_cannot_add_a_note_to_another_groups_point(client, home_page, agencies):
    health = make_group(home_page, title="Health working group", slug="health")
    make_meeting(health, start=istanbul(2031, 12, 4), agenda=minutes(agencies["iom"], "Vaccinate"))
    other = ActionPoint.objects.get(text="Vaccinate")
    client.force_login(UserFactory(role=GROUP_LEADS))
    response = client.post(f"/en/meetings/action-points/{other.pk}/notes/", {"text": "Done"})
    assert response.status_code == 403
    assert not other.notes.exists()


def test_empty_note_is_refused_and_saves_nothing(co_chair_client, point):
    response = co_chair_client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": " "})
    assert response.status_code == 400
    assert not point.notes.exists()


def test_visitor_and_non_member_never_see_a_note(client, co_chair_client, meeting, point):
    co_chair_client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "Secret note"})
    client.logout()
    assert client.get(TRACKER).status_code == 302
    assert "Secret note" not in client.get(meeting.url).content.decode()
    client.force_login(UserFactory(email="outsider@example.org"))
    assert client.get(TRACKER).status_code == 403
    assert "Secret note" not in client.get(meeting.url).content.decode()


def test_note_written_in_the_admin_is_shown_on_the_point(co_chair_client, co_chair, point):
    edit_in_admin(co_chair_client, point, progress_note="Waiting for the municipality")
    html = co_chair_client.get(f"{ADMIN_LIST}edit/{point.pk}/").content.decode()
    assert "Waiting for the municipality" in html
    assert point.notes.get().author == co_chair


# History


def test_history_lists_every_change_with_who_made_it(
    co_chair_client, co_chair, meeting, point, asam_editor
):
    edit_in_admin(co_chair_client, point, due_date="2031-12-31")
    co_chair_client.post(f"/en/meetings/action-points/{point.pk}/status/", {"status": "done"})
    co_chair_client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "All mapped"})
    html = co_chair_client.get(f"{ADMIN_LIST}history/{point.pk}/").content.decode()
    for shown in (
        "Action point: raised by the minutes",
        "Action point: agency e-mailed",
        "Due date: 2031-12-15 → 2031-12-31",
        "Status: Open → Done",
        "Action point: progress note",
        "All mapped",
    ):
        assert shown in html, shown
    assert html.count(co_chair.get_full_name()) >= 3


def test_due_date_moved_on_the_tracker_survives_the_next_publication(
    co_chair_client, meeting, point
):
    response = co_chair_client.post(
        f"/en/meetings/action-points/{point.pk}/status/",
        {"status": "open", "due_date": "2031-12-31"},
        follow=True,
    )
    assert "The due date is saved." in response.content.decode()
    publish(MeetingPage.objects.get(pk=meeting.pk))
    point.refresh_from_db()
    assert point.due_date == date(2031, 12, 31)


def test_due_date_that_is_not_a_date_is_refused_and_changes_nothing(co_chair_client, point):
    response = co_chair_client.post(
        f"/en/meetings/action-points/{point.pk}/status/",
        {"status": "done", "due_date": "31/31/2031"},
        follow=True,
    )
    assert "Enter the due date as a date" in response.content.decode()
    point.refresh_from_db()
    assert (point.status, point.due_date) == ("open", date(2031, 12, 15))


def test_lead_without_two_factor_cannot_add_a_note(client, group, point):
    client.force_login(UserFactory(role=GROUP_LEADS, organisation=group, mfa=False))
    client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "Done"})
    assert not point.notes.exists()


def test_lead_adds_a_note_to_their_own_groups_point(client, group, point):
    lead = UserFactory(role=GROUP_LEADS, organisation=group)
    client.force_login(lead)
    client.post(f"/en/meetings/action-points/{point.pk}/notes/", {"text": "Shelters mapped"})
    assert point.notes.get().author == lead
