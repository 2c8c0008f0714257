"""A meeting's agenda and minutes as a PDF: A4, in the language of the address, Arabic shaped
and right to left, and a members-only meeting's for members only."""

import re

import pytest

from meetings.models import MeetingPage, agenda_item
from tests.browser.printing import run
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_meeting, translate

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "اجتماع مجموعة الحماية"
ARABIC_DECISION = "تمديد ساعات عمل مركز الحماية"
# The marks poppler puts around right-to-left runs it extracts.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def minutes(decision="Extend the opening hours of the Konak protection desk"):
    return [
        {
            "title": "Protection monitoring update",
            "discussion": "Partners reported longer queues in Konak.",
            "outcomes": [{"kind": "decision", "text": decision}],
        }
    ]


@pytest.fixture
def held_meeting(group):
    return make_meeting(
        group,
        title="Protection meeting March 2031",
        start=istanbul(2031, 3, 12),
        status=MeetingPage.Status.HELD,
        agenda=minutes(),
    )


def read_pdf(response, tmp_path):
    """(page size line of pdfinfo, the text of the PDF) of a PDF response."""
    path = tmp_path / "record.pdf"
    path.write_bytes(response.content)
    info = run("pdfinfo", path).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    return size, BIDI_MARKS.sub("", run("pdftotext", "-layout", path, "-").stdout)


def test_the_minutes_download_as_an_a4_pdf_with_the_decisions(client, held_meeting, tmp_path):
    page = client.get(held_meeting.url).content.decode()
    assert "Download the minutes as PDF" in page
    response = client.get(f"/en/meetings/{held_meeting.pk}/record.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    size, text = read_pdf(response, tmp_path)
    assert "(A4)" in size
    assert "Protection meeting March 2031" in text
    assert "Extend the opening hours of the Konak protection desk" in text
    assert "Download" not in text  # no buttons on paper


def test_the_arabic_pdf_prints_the_arabic_title_right_to_left(client, held_meeting, tmp_path):
    arabic = translate(
        held_meeting,
        "ar",
        title=ARABIC_TITLE,
        agenda=[("item", agenda_item(**item)) for item in minutes(ARABIC_DECISION)],
    )
    response = client.get(f"/ar/meetings/{arabic.pk}/record.pdf")
    size, text = read_pdf(response, tmp_path)
    assert "(A4)" in size
    assert ARABIC_TITLE in text
    assert ARABIC_DECISION in text
    assert "المحضر" in text or "محضر" in text
    # Right to left: the title stands at the right margin, far from the left one.
    title_line = next(line for line in text.splitlines() if ARABIC_TITLE in line)
    assert len(title_line) - len(title_line.lstrip()) > 20


def test_a_members_only_meeting_pdf_is_for_members(client, group, member):
    meeting = make_meeting(group, visibility=MeetingPage.Visibility.MEMBERS, agenda=minutes())
    url = f"/en/meetings/{meeting.pk}/record.pdf"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Download the minutes as PDF" not in client.get(meeting.url).content.decode()
    client.force_login(UserFactory(email="norole@example.org"))
    assert client.get(url).status_code == 403
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_a_meeting_without_an_agenda_has_no_pdf(client, group):
    meeting = make_meeting(group)
    assert "as PDF" not in client.get(meeting.url).content.decode()
    assert client.get(f"/en/meetings/{meeting.pk}/record.pdf").status_code == 404


def test_the_agenda_before_the_meeting_is_offered_as_an_agenda(client, group):
    meeting = make_meeting(group, agenda=[{"title": "Winterisation plan"}])
    assert "Download the agenda as PDF" in client.get(meeting.url).content.decode()
