"""Documents attached to an agenda item: shown beside the item, and a members-only meeting's
served to members only."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection

from iswg_portal.core.models import PortalDocument
from meetings.documents import members_only_collection
from meetings.models import MeetingPage
from tests.factories.meetings import make_meeting

pytestmark = pytest.mark.django_db


def document(title, content=b"%PDF-1.4 slides"):
    return PortalDocument.objects.create(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ContentFile(content, name="slides.pdf"),
    )


def agenda_with(slides):
    return [
        {"title": "Opening", "notes": "Welcome."},
        {"title": "Winter response plan", "documents": [slides]},
    ]


def test_a_document_is_shown_beside_its_agenda_item(client, group):
    slides = document("Winter plan slides")
    meeting = make_meeting(group, agenda=agenda_with(slides))
    html = client.get(meeting.url).content.decode()
    item = html[html.index("Winter response plan") : html.index("</li>", html.index(slides.url))]
    assert "Winter plan slides" in item and "(PDF)" in item
    assert "Winter plan slides" not in html[: html.index("Winter response plan")]
    assert client.get(slides.url).status_code == 200


def test_a_members_only_meetings_item_document_is_for_members(client, group, member):
    slides = document("Case list", b"%PDF-1.4 names")
    meeting = make_meeting(
        group, visibility=MeetingPage.Visibility.MEMBERS, agenda=agenda_with(slides)
    )
    slides.refresh_from_db()
    assert slides.collection == members_only_collection()
    assert "Case list" not in client.get(meeting.url).content.decode()
    response = client.get(slides.url)
    assert response.status_code == 302 and "login/?next=/documents/" in response.url
    client.force_login(member)
    assert "Case list" in client.get(meeting.url).content.decode()
    response = client.get(slides.url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 names"
