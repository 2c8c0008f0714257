"""The members' search of minutes, decisions and action points: words found however they are
typed (Turkish without its letters, Arabic without its article), members-only text for members
and never for the public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from meetings.models import ActionPoint, ActionPointNote, MeetingPage
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_meeting

pytestmark = pytest.mark.django_db

SEARCH = "/en/meetings/search/"
SECRET_DECISION = "Refer the Karabağlar shelter cases to the SHM caseworkers"


@pytest.fixture
def record(group, agencies):
    """A public meeting with Turkish and Arabic minutes and a members-only one."""
    public = make_meeting(
        group,
        title="Protection meeting March 2031",
        start=istanbul(2031, 3, 12),
        status=MeetingPage.Status.HELD,
        agenda=[
            {
                "title": "Kış hazırlıkları",
                "discussion": "Şiddet önleme eğitimleri Buca'da sürüyor.",
                "outcomes": [
                    {"kind": "decision", "text": "Eğitimler Nisan'da Karşıyaka'ya genişletilecek"},
                    {
                        "kind": "action_point",
                        "text": "توزيع المساعدات الشتوية في بوجا",
                        "responsible_agency": agencies["asam"],
                    },
                ],
            },
            {"title": "Any other business"},
        ],
    )
    closed = make_meeting(
        group,
        title="Case conference April 2031",
        start=istanbul(2031, 4, 9),
        status=MeetingPage.Status.HELD,
        visibility=MeetingPage.Visibility.MEMBERS,
        agenda=[
            {
                "title": "Shelter cases",
                "discussion": "Three families need places.",
                "outcomes": [{"kind": "decision", "text": SECRET_DECISION}],
            }
        ],
    )
    return public, closed


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_a_member_finds_a_decision_typed_without_turkish_letters(member_client, record):
    html = member_client.get(SEARCH, {"q": "egitimler karsiyaka"}).content.decode()
    assert "Eğitimler Nisan&#x27;da Karşıyaka&#x27;ya genişletilecek" in html
    assert "Protection meeting March 2031" in html
    assert "Case conference April 2031" not in html


def test_a_member_finds_the_minutes_by_a_word_of_the_discussion(member_client, record):
    html = member_client.get(SEARCH, {"q": "siddet"}).content.decode()
    assert "Protection meeting March 2031" in html
    assert "Kış hazırlıkları" in html  # the agenda item that says it


def test_a_member_finds_an_action_point_typed_without_the_arabic_article(member_client, record):
    html = member_client.get(SEARCH, {"q": "مساعدات"}).content.decode()
    assert "توزيع المساعدات الشتوية في بوجا" in html
    assert "1 action point" in html


def test_a_member_finds_an_action_point_by_its_progress_note(member_client, record, member):
    point = ActionPoint.objects.get(text__startswith="توزيع")
    ActionPointNote.objects.create(action_point=point, author=member, text="Blankets delivered")
    html = member_client.get(SEARCH, {"q": "blanket"}).content.decode()
    assert "توزيع المساعدات الشتوية في بوجا" in html


def test_a_member_finds_the_members_only_decision(member_client, record):
    html = member_client.get(SEARCH, {"q": "karabaglar"}).content.decode()
    assert SECRET_DECISION in html
    assert "Case conference April 2031" in html


def test_every_word_must_be_found(member_client, record):
    html = member_client.get(SEARCH, {"q": "karabaglar kış"}).content.decode()
    assert "Nothing in the minutes, decisions or action points holds all these words." in html


def test_the_public_never_finds_the_members_only_decision(client, record):
    response = client.get(SEARCH, {"q": "Karabağlar"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory(email="norole@example.org"))
    assert client.get(SEARCH, {"q": "Karabağlar"}).status_code == 403
    client.logout()
    # The site search's index holds only what the public may read.
    assert list(Page.objects.live().public().search("Karabağlar")) == []
    assert [page.title for page in Page.objects.live().public().search("Karşıyaka")] == [
        "Protection meeting March 2031"
    ]
    _public, closed = record
    assert "Karabağlar" not in client.get(closed.url).content.decode()


def test_the_search_box_is_where_members_look(member_client, record):
    for url in ("/en/meetings/action-points/", "/en/meetings/"):
        assert 'action="/en/meetings/search/"' in member_client.get(url).content.decode()


def test_the_search_box_is_not_offered_to_the_public(client, record):
    assert "/en/meetings/search/" not in client.get("/en/meetings/").content.decode()


def test_the_search_reads_the_same_number_of_queries_for_more_meetings(
    member_client, record, group, agencies
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = member_client.get(SEARCH, {"q": "shelter"}).content.decode()
        return len(captured), html.count('class="outcome outcome--decision"')

    before, found_before = queries()
    for month in (5, 6, 7):
        make_meeting(
            group,
            start=istanbul(2031, month, 14),
            agenda=[
                {
                    "title": "Shelter capacity",
                    "outcomes": [
                        {"kind": "decision", "text": "Open a shelter desk"},
                        {
                            "kind": "action_point",
                            "text": "Count shelter places",
                            "responsible_agency": agencies["iom"],
                        },
                    ],
                }
            ],
        )
    after, found_after = queries()
    assert found_after == found_before + 3
    assert after == before
