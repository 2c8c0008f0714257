"""Views of the meetings part: calendar feeds, the action point tracker, personal feed, follow,
the members' contact directory and search of the record, a meeting's PDF."""

import functools
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.redirects import safe_next
from iswg_portal.core.translation import best_translations
from meetings.access import may_change_action_point, runs_meetings
from meetings.action_points import add_note, change_due_date, change_status
from meetings.calendar import absolute_url, meetings_calendar, withdrawn_entries
from meetings.contacts import by_agency, focal_point_contacts, vcards
from meetings.contacts import write_csv as write_contacts_csv
from meetings.forms import (
    ActionPointNoteForm,
    ActionPointStatusForm,
    FeedTokenForm,
    GroupFilterForm,
    RecordSearchForm,
)
from meetings.models import (
    ActionPoint,
    CalendarFeedToken,
    GroupSubscription,
    MeetingPage,
    MeetingResponse,
    ThematicGroupPage,
)
from meetings.queries import (
    live_groups,
    localized_meetings,
    meetings_of_group,
    meetings_queryset,
)
from meetings.record_pdf import meeting_record_pdf
from meetings.record_search import search_record
from meetings.rsvp import record_answer, takes_answers
from meetings.tracker import filtered_action_points, write_csv
from meetings.visibility import FeedAudience, public_meetings


def member_required(view):
    """Members only: visitors are sent to sign in, signed-in non-members are refused."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def calendar_response(content, filename, private=False):
    """An iCalendar response; public feeds may be cached, personal ones never shared."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


@require_GET
def all_meetings_feed(request):
    """/meetings/feed.ics: every public meeting of every group, and those taken off the site
    lately as cancelled."""
    with translation.override(settings.LANGUAGE_CODE):
        meetings = localized_meetings(public_meetings().order_by("start"))
        content = meetings_calendar(
            meetings,
            name=gettext("ISWG meetings"),
            withdrawn=withdrawn_entries(FeedAudience.OF_PUBLIC_FEEDS),
        )
    return calendar_response(content, "iswg-meetings.ics")


@require_GET
def group_feed(request, group_slug):
    """/meetings/feed/<group>.ics: one group's public meetings, and those taken off the site
    lately as cancelled."""
    if "\x00" in group_slug:
        # PostgreSQL refuses NUL in a query; no group can have it in its slug anyway.
        raise Http404
    candidates = list(
        ThematicGroupPage.objects.live().public().filter(slug=group_slug).select_related("locale")
    )
    if not candidates:
        raise Http404
    group = best_translations(candidates, settings.LANGUAGE_CODE)[0]
    with translation.override(settings.LANGUAGE_CODE):
        queryset = meetings_of_group(group, public_meetings())
        meetings = localized_meetings(queryset.order_by("start"))
        content = meetings_calendar(
            meetings,
            name=gettext("ISWG: %(group)s") % {"group": group.title},
            withdrawn=withdrawn_entries(
                FeedAudience.OF_PUBLIC_FEEDS, group_key=group.translation_key
            ),
        )
    return calendar_response(content, f"{group.slug}.ics")


@require_GET
def meeting_ics(request, page_id):
    """/meetings/<id>.ics: one meeting for "Add to calendar"; members-only ones for members."""
    meeting = meetings_queryset().filter(pk=page_id).first()
    if meeting is None or not meeting.can_see_details(request.user):
        raise Http404
    content = meetings_calendar(
        localized_meetings([meeting]), name=meeting.group.title, viewer=request.user
    )
    return calendar_response(content, f"meeting-{meeting.pk}.ics", private=meeting.is_members_only)


@require_GET
def personal_feed(request, token):
    """/meetings/feed/personal/<token>.ics: every meeting, members-only ones included, and
    those taken off the site lately as cancelled."""
    feed_token = (
        CalendarFeedToken.objects.filter(token=token).select_related("user").first()
        if len(token) <= 64 and "\x00" not in token
        else None
    )
    if feed_token is None or not is_member(feed_token.user):
        raise Http404
    language = feed_token.user.preferred_language
    with translation.override(language):
        meetings = localized_meetings(meetings_queryset().order_by("start"))
        content = meetings_calendar(
            meetings,
            name=gettext("ISWG meetings (personal)"),
            viewer=feed_token.user,
            withdrawn=withdrawn_entries(FeedAudience.OF_PERSONAL_FEEDS),
        )
    return calendar_response(content, "iswg-meetings-personal.ics", private=True)


@require_GET
def meeting_pdf(request, pk):
    """/<lang>/meetings/<id>/record.pdf: the agenda, and the minutes once held, as an A4 PDF;
    a members-only meeting's for members, as on its page."""
    meeting = meetings_queryset().filter(pk=pk).first()
    if meeting is None or not meeting.has_agenda:
        raise Http404
    if not meeting.can_see_details(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    response = HttpResponse(meeting_record_pdf(meeting, request), content_type="application/pdf")
    filename = f"{meeting.slug}-{translation.get_language()}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if meeting.is_members_only:
        response["Cache-Control"] = "private, no-store"
    return response


@member_required
def action_point_tracker(request):
    """/<lang>/meetings/action-points/: every action point the member may see, filtered."""
    form, points = filtered_action_points(request)
    points = list(points.prefetch_related("notes__author"))
    for point in points:
        point.user_may_change = may_change_action_point(request.user, point)
    return render(
        request,
        "meetings/action_point_tracker.html",
        {
            "form": form,
            "action_points": points,
            "csv_query": request.GET.urlencode(),
            "status_choices": ActionPoint.Status.choices,
        },
    )


@member_required
def action_point_csv(request):
    """The tracker's current selection as a CSV file."""
    _form, points = filtered_action_points(request)
    stream = io.StringIO()
    write_csv(points, stream, absolute_url)
    response = HttpResponse("\ufeff" + stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="action-points.csv"'
    return response


def changeable_action_point(request, pk):
    """The action point this co-chair or lead of its group may change, else 403 (404 unseen)."""
    if not runs_meetings(request.user):
        raise PermissionDenied
    point = get_object_or_404(
        ActionPoint.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    if not may_change_action_point(request.user, point):
        raise PermissionDenied
    return point


@require_POST
@member_required
def change_action_point_status(request, pk):
    """A co-chair, or a lead of the point's group, opens, closes or drops it from the tracker,
    or moves its due date."""
    point = changeable_action_point(request, pk)
    form = ActionPointStatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(safe_return_url(request, reverse("meetings:action_points")))
    if change_status(point, form.cleaned_data["status"], user=request.user):
        messages.success(request, gettext("The action point's status is saved."))
    moved = form.sends_due_date() and change_due_date(
        point, form.cleaned_data["due_date"], user=request.user
    )
    if moved:
        messages.success(request, gettext("The due date is saved."))
    return redirect(safe_return_url(request, reverse("meetings:action_points")))


@require_POST
@member_required
def add_action_point_note(request, pk):
    """A co-chair, or a lead of the point's group, adds a progress note from the tracker."""
    point = changeable_action_point(request, pk)
    form = ActionPointNoteForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            gettext("Write the progress note (at most 2000 characters)."), status=400
        )
    add_note(point, request.user, form.cleaned_data["text"].strip())
    messages.success(request, gettext("The progress note is saved."))
    return redirect(safe_return_url(request, reverse("meetings:action_points")))


def safe_return_url(request, default):
    """Where to send the person back to: the page they came from on this site, else default."""
    return safe_next(request, request.POST.get("next", ""), default)


@member_required
def personal_feed_settings(request):
    """/<lang>/meetings/calendar-feed/: see, create, replace or revoke one's feed address."""
    token = CalendarFeedToken.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = FeedTokenForm(request.POST)
        if form.is_valid():
            if token is not None:
                token.delete()
            if form.cleaned_data["action"] == "create":
                CalendarFeedToken.objects.create(user=request.user)
                messages.success(request, gettext("Your personal feed address is ready."))
            else:
                messages.success(
                    request, gettext("Your personal feed address is revoked: it no longer works.")
                )
        else:
            messages.error(request, gettext("That request was not understood; nothing changed."))
        return redirect("meetings:personal_feed_settings")
    feed_url = ""
    if token is not None:
        feed_url = settings.SITE_URL + reverse("meetings_feeds:personal", args=[token.token])
    return render(
        request,
        "meetings/personal_feed.html",
        {"feed_url": feed_url, "token": token},
    )


@require_POST
@member_required
def follow_group(request, group_id):
    """Start or stop receiving a group's meeting e-mails."""
    group = get_object_or_404(ThematicGroupPage.objects.live().public(), pk=group_id)
    subscription = GroupSubscription.objects.filter(
        user=request.user, group__translation_key=group.translation_key
    )
    if subscription.exists():
        subscription.delete()
        messages.success(request, gettext("You no longer receive this group's e-mails."))
    else:
        GroupSubscription.objects.create(user=request.user, group=group)
        messages.success(request, gettext("You will receive this group's agendas and minutes."))
    return redirect(group.get_url(request) or "/")


@member_required
def record_search(request):
    """/<lang>/meetings/search/?q=…: the meetings, decisions and action points that hold a
    member's words, members-only ones included."""
    form = RecordSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = search_record(query, request.user, translation.get_language()) if query else None
    return render(
        request,
        "meetings/record_search.html",
        {"form": form, "query": query, "results": results},
    )


def filtered_contacts(request):
    """(group filter form, contacts) for the contact directory; an unknown group is reported
    by the form and not applied."""
    form = GroupFilterForm(request.GET, groups=best_translations(live_groups()))
    group = form.selected_group() if form.is_valid() else None
    return form, focal_point_contacts(translation.get_language(), group)


@member_required
def contact_directory(request):
    """/<lang>/meetings/contacts/: the focal points of every group, by agency, for members."""
    form, contacts = filtered_contacts(request)
    return render(
        request,
        "meetings/contact_directory.html",
        {
            "form": form,
            "agencies": by_agency(contacts),
            "contact_count": len(contacts),
            "query": request.GET.urlencode(),
        },
    )


@member_required
def contacts_csv(request):
    """The contact directory's current selection as a CSV file Excel opens in any language."""
    _form, contacts = filtered_contacts(request)
    stream = io.StringIO()
    write_contacts_csv(contacts, stream)
    response = HttpResponse("\ufeff" + stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="iswg-contacts.csv"'
    return response


@member_required
def contacts_vcard(request):
    """The contact directory's current selection as vCards for a phone's address book."""
    _form, contacts = filtered_contacts(request)
    response = HttpResponse(vcards(contacts), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="iswg-contacts.vcf"'
    return response


@require_POST
@member_required
def answer_meeting(request, pk):
    """A member says whether they will come to an upcoming meeting."""
    meeting = get_object_or_404(MeetingPage.objects.live(), pk=pk)
    answer = request.POST.get("answer", "")
    if answer not in MeetingResponse.Answer.values:
        return HttpResponseBadRequest(gettext("Choose whether you will come, may come or not."))
    if not takes_answers(meeting):
        return HttpResponseBadRequest(gettext("This meeting no longer takes answers."))
    record_answer(meeting, request.user, answer)
    messages.success(request, gettext("Thank you: your answer is saved."))
    return redirect((meeting.get_url(request) or "/") + "#rsvp")
