"""What the portal keeps in the shared cache until the next publication is seen to change at
the next request after a publication, and nothing a visitor submits empties it."""

import datetime

import pytest
from django.utils import timezone

from iswg_portal.core.content_version import current_version
from meetings.models import MeetingPage
from meetings.queries import home_meetings_change_at
from services_map.models import ProblemReport
from tests.factories import meetings as meetings_build
from tests.factories import services_map as build
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def home_html(client):
    response = client.get("/en/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_meeting_published_after_a_visit_is_on_the_home_page_at_the_next_visit(client, home_page):
    group = meetings_build.make_group(home_page, title="Protection working group")
    assert "Quarterly review" not in home_html(client)
    meetings_build.make_meeting(group, title="Quarterly review")
    assert "Quarterly review" in home_html(client)


def test_a_meeting_unpublished_after_a_visit_leaves_the_home_page_at_the_next_visit(
    client, home_page
):
    group = meetings_build.make_group(home_page, title="Protection working group")
    meeting = meetings_build.make_meeting(group, title="Quarterly review")
    assert "Quarterly review" in home_html(client)
    MeetingPage.objects.get(pk=meeting.pk).unpublish()
    assert "Quarterly review" not in home_html(client)


def test_members_only_meetings_never_reach_the_public_home_page_from_the_cache(client, home_page):
    group = meetings_build.make_group(home_page, title="Protection working group")
    meetings_build.make_meeting(
        group, title="Closed session", visibility=MeetingPage.Visibility.MEMBERS
    )
    member = UserFactory(role="Members")
    member_client = type(client)()
    member_client.force_login(member)
    assert "Closed session" in home_html(member_client)
    assert "Closed session" not in home_html(client)
    assert "Closed session" in home_html(member_client)


def test_a_translation_published_after_a_visit_is_in_the_language_switcher_at_once(
    client, home_page
):
    group = meetings_build.make_group(home_page, title="Protection working group")
    url = f"/en/groups/{group.slug}/"
    assert 'href="/tr/groups/koruma-grubu/"' not in client.get(url).content.decode()
    meetings_build.translate(group, "tr", title="Koruma grubu", slug="koruma-grubu")
    assert 'href="/tr/groups/koruma-grubu/"' in client.get(url).content.decode()


def test_a_problem_report_from_a_visitor_keeps_what_the_portal_cached(home_page):
    directory = build.directory_page()
    service = build.service(build.agency(directory), "Legal desk")
    before = current_version()
    ProblemReport.objects.create(
        service=service, kind=ProblemReport.Kind.WRONG_PHONE, details="The number is wrong."
    )
    assert current_version() == before


def test_a_helpline_changed_starts_a_new_version(home_page):
    before = current_version()
    build.helpline("112", {"en": "Emergency"})
    assert current_version() != before


def test_the_home_page_lists_are_kept_until_the_next_listed_meeting_starts_or_ends():
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    running = MeetingPage(start=now - hour, end=now + 2 * hour)
    next_one = MeetingPage(start=now + 3 * hour, end=now + 5 * hour)
    lists = {"upcoming_meetings": [running, next_one], "latest_minutes": []}
    assert home_meetings_change_at(lists, now) == now + 2 * hour
    assert home_meetings_change_at({"upcoming_meetings": [], "latest_minutes": []}, now) is None
