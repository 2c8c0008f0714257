"""seed_meetings: groups, meetings and action points that look like the response's real work."""

import io

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from home.demo import seed_site
from iswg_portal.accounts.demo import seed_accounts
from meetings.demo import seed_meetings
from meetings.models import (
    ActionPoint,
    MeetingIndexPage,
    MeetingNotification,
    MeetingPage,
    ThematicGroupIndexPage,
    ThematicGroupPage,
)
from services_map.models import AgencyPage
from services_map.reference_data import seed_places

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def seed_meetings_part(out):
    """What seed_demo does for the meetings, without the directory's seventy services."""
    seed_site(out)
    seed_places(out)
    seed_accounts(out)
    seed_meetings(out)


@pytest.fixture(scope="module")
def seeded(module_data):
    """The meetings part of the demo, seeded once for this module's tests; the e-mails sent
    while seeding, had its transaction been committed."""
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        seed_meetings_part(io.StringIO())
    return list(mail.outbox)


def test_index_pages_exist_in_every_language(seeded, client):
    for model in (ThematicGroupIndexPage, MeetingIndexPage):
        codes = sorted(model.objects.values_list("locale__language_code", flat=True))
        assert codes == ["ar", "en", "fa", "kmr", "ps", "tr"]
    for code in ("en", "tr", "ar", "fa", "ps", "kmr"):
        assert client.get(f"/{code}/groups/").status_code == 200
        assert client.get(f"/{code}/meetings/").status_code == 200


def test_agencies_use_the_directorys_slugs(seeded):
    slugs = set(AgencyPage.objects.values_list("slug", flat=True))
    assert {
        "unhcr",
        "iom",
        "asam",
        "buca-municipality",
        "izmir-migration-directorate",
        "turkish-red-crescent",
        "karabaglar-municipality",
        "konak-municipality",
    } <= slugs
    assert AgencyPage.objects.get(slug="unhcr").get_parent().slug == "services"


def test_each_group_has_six_meetings_in_2018_and_2019(seeded):
    for group in ThematicGroupPage.objects.all():
        years = MeetingPage.objects.child_of(group).values_list("start__year", flat=True)
        assert sum(1 for year in years if year in (2018, 2019)) >= 6
        assert group.terms_of_reference and group.lead_agency and group.member_agencies.exists()


def test_one_meeting_is_cancelled_and_some_are_in_the_future(seeded):
    assert MeetingPage.objects.filter(status="cancelled").count() == 1
    assert MeetingPage.objects.filter(start__gt=timezone.now()).count() >= 3


def test_some_action_points_are_still_open_and_overdue_others_closed(seeded):
    assert ActionPoint.objects.overdue().exists()
    closed = ActionPoint.objects.filter(status="done")
    assert closed.exists()
    assert all(point.closed_at_id for point in closed)


def test_the_demo_sends_no_email(seeded):
    assert seeded == []
    assert not MeetingNotification.objects.filter(suppressed=False).exists()


def test_demo_meeting_pages_render(seeded, client):
    for meeting in MeetingPage.objects.live()[:30]:
        assert client.get(meeting.url).status_code == 200
