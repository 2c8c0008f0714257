"""A group lead's admin home: their group's next and latest meetings, each once in their
language, with where each stands, the group's overdue action points and a button to add a
meeting; never another group's; co-chairs see every group's figures instead."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS
from iswg_portal.core.locales import site_home_page
from iswg_portal.core.time import local_today
from meetings.models import ActionPoint, MeetingNotification, MeetingPage
from tests.admin_home import dashboard, follow_add_button, queries_for_dashboard, words
from tests.factories import UserFactory
from tests.factories.meetings import make_agency, make_group, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_from_now(days):
    return NOW + timedelta(days=days)


@pytest.fixture(scope="module")
def world(module_data):
    """The Protection group (English and Turkish) with meetings in every state, and the Health
    group, whose members-only meeting and action point its lead must never see."""
    home = site_home_page()
    unhcr = make_agency(home, "UNHCR", title="UN Refugee Agency")
    protection = make_group(home, title="Protection Working Group", members=[unhcr])
    turkish = Locale.objects.get(language_code="tr")
    protection_tr = protection.copy_for_translation(turkish, copy_parents=True)
    protection_tr.title = "Koruma Çalışma Grubu"
    publish(protection_tr)
    health = make_group(home, title="Health Working Group")

    agenda_sent = make_meeting(
        protection,
        start=days_from_now(10),
        title="Protection – agenda sent",
        agenda=[{"title": "Updates"}],
    )
    MeetingNotification.objects.create(
        meeting_key=agenda_sent.translation_key,
        kind=MeetingNotification.Kind.AGENDA,
        sent_at=days_from_now(-1),
        recipient_count=12,
    )
    make_meeting(protection, start=days_from_now(40), title="Protection – no agenda")
    drafted = make_meeting(
        protection,
        start=days_from_now(70),
        title="Protection – agenda drafted",
        agenda=[{"title": "Winter plan"}],
        publish_now=False,
    )
    drafted.save_revision()
    make_meeting(protection, start=days_from_now(100), title="Protection – far ahead")

    minutes = make_meeting(
        protection,
        start=days_from_now(-20),
        title="Protection – minutes published",
        agenda=[{"title": "Updates", "discussion": "Partners shared gaps in Buca."}],
    )
    minutes_tr = minutes.copy_for_translation(turkish)
    minutes_tr.title = "Koruma – tutanak yayında"
    publish(minutes_tr)
    draft_minutes = make_meeting(
        protection,
        start=days_from_now(-50),
        title="Protection – minutes drafted",
        agenda=[{"title": "Updates"}],
    )
    set_agenda(draft_minutes, [{"title": "Updates", "discussion": "Agreed on a referral form."}])
    draft_minutes.save_revision()
    make_meeting(
        protection,
        start=days_from_now(-80),
        title="Protection – no minutes",
        agenda=[{"title": "Updates"}],
    )
    make_meeting(protection, start=days_from_now(-400), title="Protection – last year")

    health_meeting = make_meeting(
        health,
        start=days_from_now(5),
        title="Health – members only",
        visibility=MeetingPage.Visibility.MEMBERS,
    )
    today = local_today()
    for group, meeting, text, due, status in [
        (protection, minutes, "Share the referral pathway", -10, ActionPoint.Status.OPEN),
        (protection, minutes, "Map the safe spaces", 10, ActionPoint.Status.OPEN),
        (protection, minutes, "Print the leaflets", -30, ActionPoint.Status.DONE),
        (health, health_meeting, "Vaccination list of the clinic", -5, ActionPoint.Status.OPEN),
    ]:
        ActionPoint.objects.create(
            group=group,
            raised_at=meeting,
            text=text,
            due_date=today + timedelta(days=due),
            status=status,
        )
    return {
        "protection": protection,
        "protection_tr": protection_tr,
        "health": health,
        "unhcr": unhcr,
        "lead": UserFactory(email="lead@asam.example", role=GROUP_LEADS, organisation=protection),
        "lead_tr": UserFactory(
            email="lider@asam.example",
            role=GROUP_LEADS,
            organisation=protection,
            preferred_language="tr",
        ),
        "minutes_tr": minutes_tr,
    }


def desk_of(html, group):
    return html.find(id=f"group-{group.pk}-section")


def entry(desk, title):
    for item in desk.select(".portal-desk__item"):
        heading = item.select_one(".portal-desk__title")
        if heading and heading.get_text(strip=True) == title:
            return words(item)
    raise AssertionError(f"{title} is not on the desk")


def titles(desk):
    return [heading.get_text(strip=True) for heading in desk.select(".portal-desk__title")]


def test_lead_sees_the_next_three_and_the_latest_three_meetings(client, world):
    desk = desk_of(dashboard(client, world["lead"]), world["protection"])
    assert titles(desk) == [
        "Protection – agenda sent",
        "Protection – no agenda",
        "Protection – agenda drafted",
        "Protection – minutes published",
        "Protection – minutes drafted",
        "Protection – no minutes",
    ]
    assert "See all upcoming meetings (4)" in words(desk)


def test_each_meeting_says_where_it_stands(client, world):
    desk = desk_of(dashboard(client, world["lead"]), world["protection"])
    assert "Agenda sent on" in entry(desk, "Protection – agenda sent")
    assert "No agenda yet" in entry(desk, "Protection – no agenda")
    drafted = entry(desk, "Protection – agenda drafted")
    assert "Draft" in drafted and "Agenda drafted, not published" in drafted
    assert "Minutes published" in entry(desk, "Protection – minutes published")
    assert "Minutes drafted, not published" in entry(desk, "Protection – minutes drafted")
    assert "No minutes yet" in entry(desk, "Protection – no minutes")


def test_lead_sees_meetings_in_their_language_where_translated(client, world):
    desk = desk_of(dashboard(client, world["lead_tr"]), world["protection_tr"])
    shown = titles(desk)
    assert "Koruma – tutanak yayında" in shown
    assert "Protection – minutes published" not in shown
    assert "Protection – no minutes" in shown  # not translated: shown in English
    assert "Koruma Çalışma Grubu" in words(desk)


def test_lead_sees_their_groups_overdue_action_points_only(client, world):
    text = words(desk_of(dashboard(client, world["lead"]), world["protection"]))
    assert "Share the referral pathway" in text
    assert "Map the safe spaces" not in text  # not due yet
    assert "Print the leaflets" not in text  # done
    assert "Vaccination list of the clinic" not in text


def test_lead_never_sees_another_groups_meetings(client, world):
    html = dashboard(client, world["lead"])
    assert len(html.select(".portal-desk")) == 1
    assert "Health – members only" not in words(html)


def test_add_a_meeting_opens_the_meeting_form_below_the_group(client, world):
    protection = world["protection"]
    desk = desk_of(dashboard(client, world["lead"]), protection)
    form = follow_add_button(client, desk, protection)
    assert form == f"/admin/pages/add/meetings/meetingpage/{protection.pk}/"


def test_counts_at_the_top_are_the_leads_own(client, world):
    summary = words(dashboard(client, world["lead"]).select_one(".w-summary"))
    assert "4 upcoming meetings" in summary
    assert "1 overdue action point" in summary
    assert "Pages" not in summary and "Images" not in summary


def test_a_co_chair_sees_every_group_rather_than_a_groups_desk(client, world):
    html = dashboard(client, UserFactory(role=CO_CHAIRS))
    assert not html.select("[id^=group-]")
    assert html.find(id="meetings-overview-section") is not None


def test_the_desk_takes_as_many_queries_whatever_the_number_of_meetings(client, world):
    queries_for_dashboard(client, world["lead"])  # Wagtail's caches filled
    before = queries_for_dashboard(client, world["lead"])
    for number in range(5):
        make_meeting(
            world["protection"], start=days_from_now(-200 - number), agenda=[{"title": "A"}]
        )
        make_meeting(
            world["protection"], start=days_from_now(200 + number), publish_now=False
        ).save_revision()
    assert queries_for_dashboard(client, world["lead"]) == before


def test_a_lead_who_also_edits_an_agency_sees_both_desks_agency_first(client, world):
    person = UserFactory(role=GROUP_LEADS, organisation=world["protection"])
    person.groups.add(*UserFactory(role=AGENCY_EDITORS, organisation=world["unhcr"]).groups.all())
    html = dashboard(client, person)
    assert [desk["id"] for desk in html.select(".portal-desk")] == [
        f"agency-{world['unhcr'].pk}-section",
        f"group-{world['protection'].pk}-section",
    ]
    summary = words(html.select_one(".w-summary"))
    assert "0 services" in summary and "4 upcoming meetings" in summary


# --- Ended meetings still "Scheduled" ------------------------------------------------------


def to_record(desk):
    return [
        words(item.select_one(".portal-desk__record-title"))
        for item in desk.select(".portal-desk__to-record")
    ]


def test_ended_meetings_still_scheduled_ask_their_lead_to_mark_them_held(client, world):
    desk = desk_of(dashboard(client, world["lead"]), world["protection"])
    assert to_record(desk) == [
        "Protection – minutes published",
        "Protection – minutes drafted",
        "Protection – no minutes",
        "Protection – last year",
    ]
    item = desk.select_one(".portal-desk__to-record")
    link = item.find("a", string=lambda text: "Mark it held and add the minutes" in text)
    meeting = MeetingPage.objects.get(title="Protection – minutes published")
    assert link["href"] == f"/admin/pages/{meeting.pk}/edit/"
    assert client.get(link["href"]).status_code == 200


def test_a_meeting_marked_held_or_cancelled_is_no_longer_asked_about(client, world):
    for title, status in [
        ("Protection – minutes published", MeetingPage.Status.HELD),
        ("Protection – no minutes", MeetingPage.Status.CANCELLED),
    ]:
        meeting = MeetingPage.objects.get(title=title)
        meeting.status = status
        publish(meeting)
    desk = desk_of(dashboard(client, world["lead"]), world["protection"])
    assert to_record(desk) == ["Protection – minutes drafted", "Protection – last year"]


def test_the_turkish_lead_is_asked_once_per_meeting_in_turkish(client, world):
    desk = desk_of(dashboard(client, world["lead_tr"]), world["protection_tr"])
    shown = to_record(desk)
    assert "Koruma – tutanak yayında" in shown
    assert "Protection – minutes published" not in shown
    assert len(shown) == 4


def test_the_count_at_the_top_says_how_many_ended_meetings_to_mark_held(client, world):
    summary = words(dashboard(client, world["lead"]).select_one(".w-summary"))
    assert "4 ended meetings to mark held" in summary
