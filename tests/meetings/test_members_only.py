"""Members-only meetings: the public sees group, title, date, place and status, nothing more."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection

from iswg_portal.core.models import PortalDocument
from meetings.documents import members_only_collection
from meetings.models import CalendarFeedToken, MeetingDocument, MeetingPage
from tests.factories.meetings import istanbul, make_meeting, publish

pytestmark = pytest.mark.django_db

SECRET = "Case conference on unaccompanied children in Konak"


@pytest.fixture
def closed_meeting(group, agencies):
    document = PortalDocument.objects.create(
        title="Confidential case list",
        collection=members_only_collection(),
        file=ContentFile(b"%PDF-1.4 confidential", name="cases.pdf"),
    )
    meeting = make_meeting(
        group,
        title="Child protection case meeting",
        start=istanbul(2031, 5, 14),
        visibility=MeetingPage.Visibility.MEMBERS,
        agenda=[
            {
                "title": SECRET,
                "discussion": "Discussed three cases.",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": "Refer the Konak case to SHM",
                        "responsible_agency": agencies["asam"],
                    },
                ],
            }
        ],
        publish_now=False,
    )
    meeting.documents = [MeetingDocument(document=document, kind="agenda")]
    meeting.attendance = []
    return publish(meeting), document


def test_public_sees_the_basics_of_a_members_only_meeting(client, closed_meeting):
    meeting, _document = closed_meeting
    html = client.get(meeting.url).content.decode()
    assert "Child protection case meeting" in html
    assert "Inter-Sector Working Group" in html
    assert "14 May 2031" in html
    assert "UNHCR İzmir office" in html
    assert "Scheduled" in html


def test_public_page_hides_agenda_minutes_and_documents(client, closed_meeting):
    meeting, document = closed_meeting
    html = client.get(meeting.url).content.decode()
    assert SECRET not in html
    assert "Discussed three cases." not in html
    assert document.url not in html
    assert "Sign in to read them." in html


def test_members_only_meeting_page_is_kept_by_no_cache(client, closed_meeting):
    meeting, _document = closed_meeting
    response = client.get(meeting.url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_member_reads_the_minutes_and_documents(client, closed_meeting, member):
    meeting, document = closed_meeting
    client.force_login(member)
    html = client.get(meeting.url).content.decode()
    assert SECRET in html and "Discussed three cases." in html
    assert document.url in html


def test_document_url_refuses_the_public(client, closed_meeting):
    _meeting, document = closed_meeting
    response = client.get(document.url)
    assert response.status_code == 302
    assert "login/?next=/documents/" in response.url
    assert not hasattr(response, "streaming_content")


def test_document_is_served_to_members_through_django(client, closed_meeting, member):
    _meeting, document = closed_meeting
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 confidential"


def test_publishing_moves_its_documents_out_of_public_reach(client, group):
    document = PortalDocument.objects.create(
        title="Attendance list",
        collection=Collection.get_first_root_node(),
        file=ContentFile(b"names", name="attendance.txt"),
    )
    meeting = make_meeting(group, visibility=MeetingPage.Visibility.MEMBERS, publish_now=False)
    meeting.documents = [MeetingDocument(document=document)]
    publish(meeting)
    document.refresh_from_db()
    assert document.collection == members_only_collection()
    assert client.get(document.url).status_code == 302


def test_public_feeds_leave_the_meeting_out(client, closed_meeting):
    meeting, _document = closed_meeting
    for url in ("/meetings/feed.ics", "/meetings/feed/iswg.ics"):
        assert b"Child protection case meeting" not in client.get(url).content
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == 404


def test_personal_feed_of_a_member_has_it(client, closed_meeting, member):
    token = CalendarFeedToken.objects.create(user=member)
    content = client.get(f"/meetings/feed/personal/{token.token}.ics").content
    assert b"Child protection case meeting" in content


def test_site_search_does_not_find_members_only_minutes(closed_meeting, group):
    make_meeting(
        group,
        title="Open meeting",
        agenda=[{"title": "Konak open agenda", "discussion": "Konak shelter"}],
    )
    found = [page.title for page in MeetingPage.objects.live().search("Konak")]
    assert found == ["Open meeting"]


def test_sitemap_leaves_the_meeting_out(client, closed_meeting, group):
    meeting, _document = closed_meeting
    open_meeting = make_meeting(group, title="Open meeting")
    xml = client.get("/sitemap.xml").content.decode()
    assert open_meeting.url in xml
    assert meeting.url not in xml


def test_home_page_does_not_list_it_for_the_public(client, closed_meeting):
    assert "Child protection case meeting" not in client.get("/en/").content.decode()


def test_home_page_lists_it_for_members(client, closed_meeting, member):
    client.force_login(member)
    assert "Child protection case meeting" in client.get("/en/").content.decode()


def test_its_action_points_are_not_shown_to_the_public_as_follow_up(client, closed_meeting, group):
    following = make_meeting(group, title="Open follow-up", start=istanbul(2031, 6, 11))
    assert "Refer the Konak case" not in client.get(following.url).content.decode()
    assert "Refer the Konak case" not in client.get(group.url).content.decode()


def test_members_see_its_action_points_in_the_tracker(client, closed_meeting, member):
    client.force_login(member)
    assert "Refer the Konak case" in client.get("/en/meetings/action-points/").content.decode()


def test_group_index_does_not_count_them_for_the_public(client, closed_meeting, home_page):
    html = client.get("/en/groups/").content.decode()
    assert "<dd>0</dd>" in html


def test_republishing_moves_a_document_back_out_of_public_reach(client, closed_meeting):
    meeting, document = closed_meeting
    document.collection = Collection.get_first_root_node()
    document.save()
    # A revision published on schedule is not validated again: the publication itself guards.
    meeting.latest_revision.publish()
    document.refresh_from_db()
    assert document.collection == members_only_collection()
    assert client.get(document.url).status_code == 302
