"""Members say whether they will come to an upcoming meeting; the answers are counted per
agency so that a group lead sees who will be in the room."""

from django.utils import timezone

from iswg_portal.accounts.models import Organisation
from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.translation import best_translations
from meetings.models import MeetingPage, MeetingResponse
from services_map.models import AgencyPage


def takes_answers(meeting):
    """True while a meeting may still be answered: not ended, not cancelled."""
    return meeting.end > timezone.now() and meeting.status != MeetingPage.Status.CANCELLED


def agency_key_of(user):
    """The translation key of the agency the person works for, or None."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.AGENCY, group__user=user)
        .order_by("pk")
        .values_list("translation_key", flat=True)
        .first()
    )


def record_answer(meeting, user, answer):
    """Store or change the person's answer for every language version of the meeting."""
    MeetingResponse.objects.update_or_create(
        meeting_key=meeting.translation_key,
        user=user,
        defaults={"answer": answer, "agency_key": agency_key_of(user)},
    )


def answers_summary(meeting, user, language):
    """What the meeting page shows a member: their own answer, how many said each answer, and
    per agency (in the reader's alphabet) how many will come or may come."""
    responses = list(
        MeetingResponse.objects.filter(meeting_key=meeting.translation_key).values_list(
            "user_id", "agency_key", "answer"
        )
    )
    mine = next((answer for user_id, _key, answer in responses if user_id == user.pk), None)
    counts = dict.fromkeys(MeetingResponse.Answer.values, 0)
    per_agency = {}
    for _user_id, agency_key, answer in responses:
        counts[answer] += 1
        if agency_key is not None and answer != MeetingResponse.Answer.NO:
            tally = per_agency.setdefault(agency_key, {"yes": 0, "maybe": 0})
            tally[answer] += 1
    agencies = best_translations(
        AgencyPage.objects.live()
        .filter(translation_key__in=per_agency)
        .select_related("locale")
        .order_by("pk"),
        language,
    )
    rows = [
        {"agency": agency, **per_agency[agency.translation_key]}
        for agency in sorted_by_name(agencies, language, key=lambda agency: agency.title)
    ]
    return {
        "mine": mine,
        "counts": counts,
        "agencies": rows,
        "open": takes_answers(meeting),
        "choices": MeetingResponse.Answer.choices,
    }
