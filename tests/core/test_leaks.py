"""Nothing meant for members reaches the public.

Unique marker words are planted in every members-only field (minutes, decisions and action
points of members-only meetings, members-only group and agency pages, internal, ended and
closed services, the address of a protection-sensitive place); then every public URL is fetched
in all six languages as an anonymous visitor, and no marker may appear. A member sees the same
markers, which shows they were planted where a leak would show them.

The data is built once for the module inside a transaction that is rolled back at its end.
"""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.demo import seed_site
from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from meetings.models import ActionPoint, MeetingNotification, MeetingPage
from meetings.notifications import send_meeting_email
from meetings.scheduling import create_next_meeting
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.factories.meetings import (
    make_group,
    make_meeting,
    meetings_index,
    publish,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# One word each, so search folding, HTML escaping and calendar line folding cannot hide them.
MARKERS = {
    "minutes": "xqleakminutes",
    "decision": "xqleakdecision",
    "action_point": "xqleakactionpoint",
    "agenda_title": "xqleakagendatitle",
    "agenda_notes": "xqleakagendanotes",
    "restricted_group": "xqleakrestrictedgroup",
    "restricted_group_meeting": "xqleakrestrictedmeeting",
    "restricted_agency": "xqleakrestrictedagency",
    "restricted_agency_service": "xqleakrestrictedservice",
    "internal_service": "xqleakinternalservice",
    "internal_summary": "xqleakinternalsummary",
    "ended_service": "xqleakendedservice",
    "ended_summary": "xqleakendedsummary",
    "closed_service": "xqleakclosedservice",
    "closed_summary": "xqleakclosedsummary",
    "restricted_service_summary": "xqleakrestrictedsummary",
    "sensitive_address": "xqleaksensitiveaddress",
    "sensitive_place": "xqleaksensitiveplace",
}

# Words a visitor might type to look for the hidden services. The search page repeats the words
# it was given, so each hidden service also carries a second marker that only a leak shows.
SEARCH_WORDS = [
    MARKERS["internal_service"],
    MARKERS["ended_service"],
    MARKERS["closed_service"],
    MARKERS["restricted_agency_service"],
    MARKERS["sensitive_address"],
]


def build_planted(home):
    """The site, with one public item of each kind beside each members-only one."""
    directory = build.directory_page()
    agencies_index = directory
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    agency = build.agency(agencies_index, "Open Door Association", "ODA")
    build.service(agency, "Open legal desk", place=("izmir", "Buca"))
    build.service(
        agency,
        f"Internal referral line {MARKERS['internal_service']}",
        summary=f"Only for partners {MARKERS['internal_summary']}",
        place=("izmir", "Buca"),
        is_internal=True,
    )
    build.service(
        agency,
        f"Old desk {MARKERS['ended_service']}",
        summary=f"Ended {MARKERS['ended_summary']}",
        place=("izmir", "Buca"),
        end_date=yesterday,
    )
    build.service(
        agency,
        f"Shut desk {MARKERS['closed_service']}",
        summary=f"Closed {MARKERS['closed_summary']}",
        place=("izmir", "Buca"),
        status="closed",
    )
    shelter = build.service(
        agency,
        "Women's safe house",
        place=("izmir", "Karabağlar"),
        is_protection_sensitive=True,
    )
    location = shelter.locations.get()
    location.address_1 = f"Gizli Sokak 3 {MARKERS['sensitive_address']}"
    location.name = f"Safe house building {MARKERS['sensitive_place']}"
    location.save()

    hidden_agency = build.agency(
        agencies_index, f"Partners only {MARKERS['restricted_agency']}", "POA"
    )
    build.service(
        hidden_agency,
        f"Partner desk {MARKERS['restricted_agency_service']}",
        summary=f"Partners {MARKERS['restricted_service_summary']}",
        place=("izmir", "Buca"),
    )
    PageViewRestriction.objects.create(
        page=hidden_agency, restriction_type=PageViewRestriction.LOGIN
    )

    meetings_index(home)
    co_chair = UserFactory(email="leaks-cochair@unhcr.example", role=CO_CHAIRS)
    group = make_group(
        home,
        title="Protection Working Group",
        slug="protection",
        focal_points=[{"name": "Focal", "agency": agency, "email": "focal@oda.example"}],
        members=[agency],
    )
    now = timezone.now()
    closed = make_meeting(
        group,
        title="Case conference",
        start=now - datetime.timedelta(days=40),
        status=MeetingPage.Status.HELD,
        visibility=MeetingPage.Visibility.MEMBERS,
        agenda=[
            {
                "title": f"High-risk cases {MARKERS['agenda_title']}",
                "notes": f"Bring the files {MARKERS['agenda_notes']}",
                "discussion": f"Discussed the Konak case {MARKERS['minutes']}",
                "outcomes": [
                    {"kind": "decision", "text": f"Refer to SHM {MARKERS['decision']}"},
                    {
                        "kind": "action_point",
                        "text": "Follow up the shelter placement of the high-risk case in "
                        f"Konak {MARKERS['action_point']}",
                        "responsible_agency": agency,
                        "due_date": timezone.localdate() + datetime.timedelta(days=30),
                    },
                ],
            }
        ],
    )
    point = ActionPoint.objects.get(raised_at=closed)
    previous = make_meeting(
        group,
        title="Open coordination meeting",
        start=now - datetime.timedelta(days=10),
        status=MeetingPage.Status.HELD,
        agenda=[{"title": "Updates from partners", "discussion": "Partners gave updates."}],
    )
    # The next public meeting, prepared by the portal as a co-chair would (finding 2).
    following = publish(create_next_meeting(previous, co_chair)[0])
    # A public meeting on which an editor picked the members-only action point by hand.
    picked = make_meeting(
        group,
        title="Extra public meeting",
        start=now + datetime.timedelta(days=50),
        agenda=[
            {
                "kind": "matters_arising",
                "title": f"Matters arising: {point.text}",
                "action_point": point,
            },
            {"title": "Any other business"},
        ],
    )

    hidden_group = make_group(
        home, title=f"Steering group {MARKERS['restricted_group']}", slug="steering"
    )
    make_meeting(
        hidden_group,
        title=f"Steering meeting {MARKERS['restricted_group_meeting']}",
        start=now + datetime.timedelta(days=20),
    )
    PageViewRestriction.objects.create(
        page=hidden_group, restriction_type=PageViewRestriction.LOGIN
    )
    return {
        "directory": directory,
        "agency": agency,
        "shelter": shelter,
        "hidden_agency": hidden_agency,
        "group": group,
        "hidden_group": hidden_group,
        "closed": closed,
        "following": following,
        "picked": picked,
        "internal": agency.get_children().get(title__contains=MARKERS["internal_service"]),
        "ended": agency.get_children().get(title__contains=MARKERS["ended_service"]),
    }


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker):
    """The planted site, built once for the whole module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = seed_site(io.StringIO())
        yield build_planted(home)
        transaction.set_rollback(True)


def leaks_in(text):
    """The markers found in a response or a message."""
    # iCalendar folds long lines; unfold them so a marker cut in two is still found.
    text = re.sub(r"\r?\n[ \t]", "", text)
    return sorted(name for name, marker in MARKERS.items() if marker in text)


def page_path(page, language):
    """The page's path below the visitor's language prefix (pages fall back to English)."""
    return f"/{language}{page.url_path[len('/home') :]}"


def language_urls(planted, language):
    """Every public URL of the site in one language."""
    services = f"/{language}/services/"
    urls = [
        f"/{language}/",
        services,
        f"{services}?provinces=izmir",
        f"{services}map/?provinces=izmir",
        f"/{language}/services/print/?provinces=izmir",
        f"/{language}/manifest.webmanifest",
        f"/{language}/meetings/",
        f"/{language}/meetings/?group=protection",
        f"/{language}/meetings/?group=steering",
        f"/{language}/groups/",
    ]
    for word in SEARCH_WORDS:
        urls += [f"{services}?q={word}", f"{services}map/?q={word}"]
        urls.append(f"/{language}/services/print/?provinces=izmir&q={word}")
    for name in (
        "agency",
        "shelter",
        "hidden_agency",
        "internal",
        "ended",
        "group",
        "hidden_group",
        "closed",
        "following",
        "picked",
    ):
        urls.append(page_path(planted[name], language))
    return urls


def common_urls(planted):
    """Public URLs that are the same in every language."""
    return [
        "/sw.js",
        "/sitemap.xml",
        "/meetings/feed.ics",
        "/meetings/feed/protection.ics",
        "/meetings/feed/steering.ics",
        f"/meetings/{planted['closed'].pk}.ics",
        f"/meetings/{planted['following'].pk}.ics",
        f"/meetings/{planted['picked'].pk}.ics",
    ]


def fetch_leaks(client, urls):
    """(url, status, markers) of every URL whose answer shows a marker."""
    found = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        body = response.content.decode("utf-8", errors="replace")
        # The search words themselves are echoed back in the search box.
        markers = [name for name in leaks_in(body) if MARKERS[name] not in url]
        if markers:
            found.append((url, response.status_code, markers))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_members_only_text_on_any_public_page(planted, client, language):
    assert fetch_leaks(client, language_urls(planted, language)) == []


def test_no_members_only_text_in_feeds_sitemap_or_service_worker(planted, client):
    assert fetch_leaks(client, common_urls(planted)) == []


def test_meeting_emails_to_non_members_carry_no_members_only_text(planted):
    mail.outbox = []
    kinds = (MeetingNotification.Kind.AGENDA, MeetingNotification.Kind.MINUTES)
    for meeting in (planted["following"], planted["picked"]):
        for kind in kinds:
            notification = MeetingNotification.objects.create(
                meeting_key=meeting.translation_key, kind=kind
            )
            send_meeting_email(meeting, notification)
    assert [message.to for message in mail.outbox] == [["focal@oda.example"]] * 4
    texts = []
    for message in mail.outbox:
        texts.append(message.subject + message.body)
        texts.extend(str(content) for content, _type in message.alternatives)
        texts.extend(str(attachment[1]) for attachment in message.attachments)
    assert [leaks_in(text) for text in texts] == [[]] * len(texts)


def test_a_member_sees_what_the_public_does_not(planted, client):
    member = UserFactory(email="leaks-member@agency.example", role=MEMBERS)
    client.force_login(member)
    closed = client.get(page_path(planted["closed"], "en")).content.decode()
    assert {"minutes", "decision", "action_point"} <= set(leaks_in(closed))
    picked = client.get(page_path(planted["picked"], "en")).content.decode()
    assert "action_point" in leaks_in(picked)
    search = client.get(f"/en/services/?q={MARKERS['internal_service']}").content.decode()
    assert "internal_service" in leaks_in(search)
    shelter = client.get(page_path(planted["shelter"], "en")).content.decode()
    assert {"sensitive_address", "sensitive_place"} <= set(leaks_in(shelter))


def test_the_anonymous_visitor_reaches_the_public_pages(planted, client):
    for name in ("agency", "shelter", "group", "following", "picked"):
        response = client.get(page_path(planted[name], "tr"))
        assert response.status_code == 200, name
    assert client.get(page_path(planted["internal"], "en")).status_code == 404
