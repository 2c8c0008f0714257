"""Members answer "will you come?" for an upcoming meeting; the answers are counted per agency
and seen only by members; a past or cancelled meeting and a wrong answer change nothing."""

import pytest
from django.utils import timezone

from iswg_portal.accounts.roles import AGENCY_EDITORS, MEMBERS
from meetings.models import MeetingPage, MeetingResponse
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(group):
    return make_meeting(group, start=istanbul(2031, 3, 12))


def answer_url(meeting):
    return f"/en/meetings/{meeting.pk}/answer/"


def page_of(client, meeting):
    return client.get(meeting.get_url()).content.decode()


def test_a_member_answers_and_changes_their_answer(client, member, meeting):
    client.force_login(member)
    response = client.post(answer_url(meeting), {"answer": "maybe"})
    assert response.status_code == 302 and response["Location"].endswith("#rsvp")
    client.post(answer_url(meeting), {"answer": "yes"})
    (stored,) = MeetingResponse.objects.all()
    assert (stored.user, stored.answer) == (member, "yes")
    page = page_of(client, meeting)
    assert 'value="yes" class="button" aria-pressed="true"' in page
    assert "1 person will come" in page


def test_answers_are_counted_per_agency_for_members(client, agencies, member, meeting):
    for number in range(2):
        person = UserFactory(
            email=f"staff{number}@asam.example", role=AGENCY_EDITORS, organisation=agencies["asam"]
        )
        client.force_login(person)
        client.post(answer_url(meeting), {"answer": "yes"})
    iom = UserFactory(email="staff@iom.example", role=AGENCY_EDITORS, organisation=agencies["iom"])
    client.force_login(iom)
    client.post(answer_url(meeting), {"answer": "maybe"})
    client.force_login(member)
    page = page_of(client, meeting)
    assert "2 people will come · 1 may come · 0 will not come" in " ".join(page.split())
    assert '<th scope="row">ASAM</th><td>2</td><td>0</td>' in page
    assert '<th scope="row">IOM</th><td>0</td><td>1</td>' in page


def test_the_public_sees_neither_the_question_nor_the_answers(client, member, meeting):
    client.force_login(member)
    client.post(answer_url(meeting), {"answer": "yes"})
    client.logout()
    page = page_of(client, meeting)
    assert "Will you come?" not in page and "will come" not in page


def test_a_visitor_is_sent_to_sign_in_and_a_person_without_a_role_is_refused(client, meeting):
    response = client.post(answer_url(meeting), {"answer": "yes"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory(email="norole@example.org"))
    assert client.post(answer_url(meeting), {"answer": "yes"}).status_code == 403
    assert not MeetingResponse.objects.exists()


@pytest.mark.parametrize("answer", ["", "perhaps", "yes\x00"])
def test_a_wrong_answer_is_refused_and_changes_nothing(client, member, meeting, answer):
    client.force_login(member)
    assert client.post(answer_url(meeting), {"answer": answer}).status_code == 400
    assert not MeetingResponse.objects.exists()


def test_a_past_or_cancelled_meeting_takes_no_answer(client, group, member):
    client.force_login(member)
    past = make_meeting(group, start=timezone.now() - timezone.timedelta(days=3))
    cancelled = make_meeting(group, start=istanbul(2031, 4, 9), status=MeetingPage.Status.CANCELLED)
    for meeting in (past, cancelled):
        assert client.post(answer_url(meeting), {"answer": "yes"}).status_code == 400
        assert "Will you come?" not in page_of(client, meeting)
    assert not MeetingResponse.objects.exists()
    assert client.get(answer_url(past)).status_code == 405


def test_a_member_of_no_agency_is_counted_without_an_agency(client, meeting):
    reader = UserFactory(email="reader@example.org", role=MEMBERS)
    client.force_login(reader)
    client.post(answer_url(meeting), {"answer": "yes"})
    assert MeetingResponse.objects.get().agency_key is None
    assert "1 person will come" in page_of(client, meeting)
