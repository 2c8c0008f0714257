"""Admin side of the meetings: action points as snippets, "next meeting" in one action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from iswg_portal.core.middleware import mark_private
from meetings.access import runs_meetings
from meetings.models import ActionPoint, MeetingPage
from meetings.scheduling import create_next_meeting, next_meeting_draft


class ActionPointViewSet(SnippetViewSet):
    """Action points in the admin: filter by status, due date and group; edit text and status."""

    model = ActionPoint
    icon = "tasks"
    menu_label = _("Action points")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["text", "responsible_agency", "due_date", "status", "group"]
    list_filter = ["status", "due_date"]
    ordering = ["due_date", "pk"]
    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("responsible_agency"), FieldPanel("due_date")]),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("group"), FieldPanel("raised_at"), FieldPanel("closed_at")]),
    ]


register_snippet(ActionPointViewSet)


@hooks.register("after_edit_snippet")
def remember_who_changed_the_status(request, instance):
    """An action point's status changed in the admin: record by whom."""
    if isinstance(instance, ActionPoint) and getattr(instance, "status_changed_now", False):
        instance.status_changed_by = request.user
        instance.save(update_fields=["status_changed_by"])


def may_create_next_meeting(user, meeting):
    """Co-chairs and group leads who may add pages under the meeting's group."""
    return runs_meetings(user) and meeting.group.permissions_for_user(user).can_add_subpage()


@require_http_methods(["GET", "POST"])
def next_meeting_view(request, page_id):
    """Confirm, then create the group's next meeting as a draft and open it for editing."""
    meeting = get_object_or_404(MeetingPage, pk=page_id)
    if not may_create_next_meeting(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST":
        created = create_next_meeting(meeting, request.user)
        messages.success(
            request,
            gettext("“%(title)s” is created as a draft. Check it, then publish its agenda.")
            % {"title": created.title},
        )
        return redirect("wagtailadmin_pages:edit", created.pk)
    draft = next_meeting_draft(meeting)
    return TemplateResponse(
        request,
        "meetings/admin/next_meeting_confirm.html",
        {"meeting": meeting, "draft": draft, "matters": draft.items},
    )


@hooks.register("before_serve_page")
def keep_members_only_meetings_private(page, request, serve_args, serve_kwargs):
    """A members-only meeting's page is never kept by a cache or offline, whoever opened it."""
    if isinstance(page, MeetingPage) and page.is_members_only:
        mark_private(request)


@hooks.register("register_admin_urls")
def register_next_meeting_url():
    return [path("meetings/<id:page_id>/next/", next_meeting_view, name="meetings_next_meeting")]


@hooks.register("register_page_header_buttons")
def next_meeting_button(page, user, view_name=None, next_url=None):
    """'Create the next meeting' on a meeting's admin pages."""
    if page.specific_class is MeetingPage and may_create_next_meeting(user, page.specific):
        yield Button(
            gettext("Create the next meeting"),
            url=reverse("meetings_next_meeting", args=[page.pk]),
            icon_name="date",
            priority=12,
        )
