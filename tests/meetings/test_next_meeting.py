"""The next meeting in one action, and the adoption of the previous minutes."""

from datetime import date

import pytest
from wagtail.models import GroupPagePermission

from meetings.models import ActionPoint, MeetingPage, ThematicGroupPage
from meetings.scheduling import create_next_meeting, next_regular_start
from tests.conftest import read_again
from tests.factories.meetings import istanbul, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def march_plenary(plenary):
    """The plenary's standing agenda (a welcome presented by UNHCR) and its March 2031 meeting
    at UNHCR's İzmir office, whose minutes record a decision and an action point for UNHCR."""
    group = read_again(plenary["group"])
    agencies = plenary["agencies"]
    group.standing_agenda = [
        (
            "item",
            {
                "title": "Welcome and round of introductions",
                "presenter": agencies["unhcr"],
                "minutes_allotted": 10,
            },
        ),
    ]
    publish(group)
    return make_meeting(
        group,
        title="March plenary",
        start=istanbul(2031, 3, 12, 10),
        place="UNHCR İzmir office",
        agenda=[
            {
                "title": "Protection updates",
                "discussion": "Registration delays in Izmir.",
                "outcomes": [
                    {"kind": "decision", "text": "Raise the delays with the directorate."},
                    {
                        "kind": "action_point",
                        "text": "Write to the directorate",
                        "responsible_agency": agencies["unhcr"],
                        "due_date": date(2031, 4, 1),
                    },
                ],
            }
        ],
    )


@pytest.fixture
def last_meeting(march_plenary, db):
    """The plenary's March meeting (see march_plenary), read anew."""
    return read_again(march_plenary)


def test_next_meeting_falls_on_the_groups_regular_day_and_time(group, last_meeting, co_chair):
    created = create_next_meeting(last_meeting, co_chair)[0]
    # Second Wednesday of April 2031, 10:00 in Istanbul.
    assert created.start == istanbul(2031, 4, 9, 10)
    assert created.end == istanbul(2031, 4, 9, 12)
    assert created.place == "UNHCR İzmir office"


def test_next_meeting_is_a_draft_child_of_the_group(group, last_meeting, co_chair):
    created = create_next_meeting(last_meeting, co_chair)[0]
    assert created.live is False
    assert created.get_parent().pk == group.pk
    assert created.latest_revision is not None


def test_next_meeting_agenda_has_standing_items_adoption_and_matters_arising(
    group, last_meeting, co_chair
):
    created = MeetingPage.objects.get(pk=create_next_meeting(last_meeting, co_chair)[0].pk)
    items = created.items
    assert items[0]["title"] == "Welcome and round of introductions"
    assert items[1]["kind"] == "adoption"
    assert items[1]["previous_meeting"].pk == last_meeting.pk
    assert items[2]["kind"] == "matters_arising"
    assert items[2]["action_point"] == ActionPoint.objects.get(text="Write to the directorate")
    assert items[-1]["title"] == "Any other business"


def test_last_wednesday_rule_is_followed(group):
    group.schedule_week = ThematicGroupPage.Week.LAST
    assert next_regular_start(group, istanbul(2031, 1, 29)) == istanbul(2031, 2, 26)


def test_last_friday_rule_crosses_the_year(group):
    group.schedule_week = ThematicGroupPage.Week.LAST
    group.schedule_weekday = ThematicGroupPage.Weekday.FRIDAY
    assert next_regular_start(group, istanbul(2030, 12, 27)) == istanbul(2031, 1, 31)


def test_meeting_held_early_in_the_month_is_followed_by_that_months_regular_one(group):
    # Postponed from February to 3 March: the second Wednesday of March still stands.
    assert next_regular_start(group, istanbul(2031, 3, 3)) == istanbul(2031, 3, 12)


def test_quarterly_group_meets_three_months_later(group):
    group.schedule_interval_months = 3
    assert next_regular_start(group, istanbul(2031, 1, 8)) == istanbul(2031, 4, 9)


def test_group_without_a_rule_meets_four_weeks_later(group):
    group.schedule_week = None
    assert next_regular_start(group, istanbul(2031, 1, 8)) == istanbul(2031, 2, 5)


def test_co_chair_creates_the_next_meeting_from_the_admin(client, last_meeting, co_chair):
    client.force_login(co_chair)
    url = f"/admin/meetings/{last_meeting.pk}/next/"
    response = client.post(url)
    created = MeetingPage.objects.exclude(pk=last_meeting.pk).get()
    assert response.status_code == 302
    assert response.url == f"/admin/pages/{created.pk}/edit/"


def test_confirmation_page_shows_the_date_and_agenda_before_creating(
    client, last_meeting, co_chair
):
    client.force_login(co_chair)
    html = client.get(f"/admin/meetings/{last_meeting.pk}/next/").content.decode()
    assert "9 April 2031" in html
    assert "Adoption of the minutes of March plenary" in html
    assert MeetingPage.objects.count() == 1


def test_group_lead_with_rights_on_the_group_creates_the_next_meeting(
    client, group, last_meeting, group_lead
):
    from django.contrib.auth.models import Permission

    GroupPagePermission.objects.create(
        group=group_lead.groups.get(),
        page=group,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    client.force_login(group_lead)
    assert client.post(f"/admin/meetings/{last_meeting.pk}/next/").status_code == 302
    assert MeetingPage.objects.count() == 2


def test_group_lead_without_rights_on_the_group_is_refused(client, last_meeting, group_lead):
    client.force_login(group_lead)
    response = client.post(f"/admin/meetings/{last_meeting.pk}/next/")
    # The admin answers a refusal by sending the person back to its dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert MeetingPage.objects.count() == 1


def test_member_cannot_create_the_next_meeting(client, last_meeting, member):
    client.force_login(member)
    response = client.post(f"/admin/meetings/{last_meeting.pk}/next/")
    # Members have no admin access: the admin refuses them.
    assert response.status_code == 403
    assert MeetingPage.objects.count() == 1


def test_minutes_show_as_draft_until_adopted(client, last_meeting):
    html = client.get(last_meeting.url).content.decode()
    assert "Draft minutes: not yet adopted by the group." in html


def test_adopting_the_previous_minutes_marks_them_adopted(client, last_meeting, co_chair):
    following = MeetingPage.objects.get(pk=create_next_meeting(last_meeting, co_chair)[0].pk)
    items = following.items
    adoption = next(item for item in items if item["kind"] == "adoption")
    adoption["minutes_adopted"] = True
    publish(following)
    html = client.get(last_meeting.url).content.decode()
    assert "Draft minutes" not in html
    assert f'Adopted at <a href="{following.url}">' in html


def test_publishing_the_adoption_item_unticked_leaves_minutes_in_draft(
    client, last_meeting, co_chair
):
    following = MeetingPage.objects.get(pk=create_next_meeting(last_meeting, co_chair)[0].pk)
    publish(following)
    assert "Draft minutes" in client.get(last_meeting.url).content.decode()


def test_hostile_page_id_for_next_meeting_is_not_found(client, co_chair, home_page):
    client.force_login(co_chair)
    response = client.get("/admin/meetings/99999999/next/", follow=True)
    assert response.status_code == 404


def test_set_agenda_helper_keeps_other_fields(group):
    meeting = make_meeting(group, agenda=[{"title": "A"}])
    set_agenda(meeting, [{"title": "B"}])
    assert meeting.items[0]["title"] == "B"


# --- One next meeting, in plain sight ----------------------------------------------------------


def test_the_meeting_editor_shows_the_create_button_outside_the_more_menu(
    client, last_meeting, co_chair
):
    client.force_login(co_chair)
    html = client.get(f"/admin/pages/{last_meeting.pk}/edit/").content.decode()
    panel = html[html.index('class="portal-next-meeting"') :]
    panel = panel[: panel.index("</div>")]
    assert f'href="/admin/meetings/{last_meeting.pk}/next/"' in panel
    assert "Create the next meeting" in panel


def test_creating_the_next_meeting_twice_opens_the_first_one(client, last_meeting, co_chair):
    client.force_login(co_chair)
    first = client.post(f"/admin/meetings/{last_meeting.pk}/next/")
    second = client.post(f"/admin/meetings/{last_meeting.pk}/next/", follow=True)
    created = MeetingPage.objects.exclude(pk=last_meeting.pk).get()
    assert first.url == second.redirect_chain[-1][0] == f"/admin/pages/{created.pk}/edit/"
    assert "is already the group&#x27;s next meeting" in second.content.decode()


def test_the_editor_opens_the_next_meeting_once_it_exists(client, group, last_meeting, co_chair):
    following = make_meeting(group, title="April plenary", start=istanbul(2031, 4, 9, 10))
    client.force_login(co_chair)
    html = client.get(f"/admin/pages/{last_meeting.pk}/edit/").content.decode()
    assert "next meeting is already there: April plenary, Wednesday, 9 April 2031." in html
    assert f'href="/admin/pages/{following.pk}/edit/"' in html
    assert f'href="/admin/meetings/{last_meeting.pk}/next/"' not in html
    response = client.get(f"/admin/meetings/{last_meeting.pk}/next/")
    assert response.url == f"/admin/pages/{following.pk}/edit/"


def test_a_draft_next_meeting_counts_and_an_earlier_one_does_not(
    client, group, last_meeting, co_chair
):
    make_meeting(group, title="February plenary", start=istanbul(2031, 2, 12, 10))
    draft = make_meeting(
        group, title="April draft", start=istanbul(2031, 4, 9, 10), publish_now=False
    )
    client.force_login(co_chair)
    assert client.post(f"/admin/meetings/{last_meeting.pk}/next/").url == (
        f"/admin/pages/{draft.pk}/edit/"
    )
    assert MeetingPage.objects.count() == 3


def test_a_cancelled_next_meeting_is_replaced_by_a_new_one(client, group, last_meeting, co_chair):
    make_meeting(
        group,
        title="April plenary",
        start=istanbul(2031, 4, 9, 10),
        status=MeetingPage.Status.CANCELLED,
    )
    client.force_login(co_chair)
    client.post(f"/admin/meetings/{last_meeting.pk}/next/")
    assert MeetingPage.objects.filter(status=MeetingPage.Status.SCHEDULED).count() == 2


def test_the_next_meeting_of_another_group_does_not_count(
    client, home_page, last_meeting, co_chair
):
    from tests.factories.meetings import make_group

    other = make_group(home_page, title="Health working group")
    make_meeting(other, title="Health meeting", start=istanbul(2031, 4, 9, 10))
    client.force_login(co_chair)
    client.post(f"/admin/meetings/{last_meeting.pk}/next/")
    assert MeetingPage.objects.child_of(last_meeting.group).count() == 2


def test_the_next_meeting_in_another_language_is_opened_not_duplicated(
    client, group, last_meeting, co_chair
):
    from wagtail.models import Locale

    group_tr = group.copy_for_translation(Locale.objects.get(language_code="tr"), True)
    publish(group_tr)
    turkish = make_meeting(group_tr, title="Nisan toplantısı", start=istanbul(2031, 4, 9, 10))
    client.force_login(co_chair)
    response = client.post(f"/admin/meetings/{last_meeting.pk}/next/")
    assert response.url == f"/admin/pages/{turkish.pk}/edit/"


def test_a_group_lead_without_rights_sees_no_next_meeting_button(client, last_meeting, group_lead):
    client.force_login(group_lead)
    response = client.get(f"/admin/pages/{last_meeting.pk}/edit/", follow=True)
    assert "portal-next-meeting" not in response.content.decode()
