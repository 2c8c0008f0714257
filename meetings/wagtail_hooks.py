"""Admin side of the meetings: action points as snippets, "next meeting" in one action, a group
lead's desk on the admin home and the meetings' part of the co-chairs' overview."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, Panel
from wagtail.admin.widgets import BooleanRadioSelect, Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from iswg_portal.core.middleware import mark_private
from iswg_portal.core.translated_choices import TranslationKeyFilter
from meetings.access import may_create_next_meeting
from meetings.admin_dashboard import add_group_counts, add_group_panels
from meetings.admin_forms import ActionPointAdminForm
from meetings.admin_overview import (
    add_meetings_counts,
    add_meetings_overview,
    register_meetings_overview_urls,
)
from meetings.audit import register_action_point_log_actions
from meetings.models import ActionPoint, MeetingPage, ThematicGroupPage
from meetings.permissions import ActionPointPermissionPolicy
from meetings.scheduling import create_next_meeting, existing_next_meeting, next_meeting_draft
from services_map.models import AgencyPage


class OwnGroupActionPointMixin:
    """Opening an action point by its URL is checked against its group too, not just the
    listing (Wagtail then turns the person back to the dashboard with a message)."""

    instance_actions = ["change", "view"]

    def get_object(self, *args, **kwargs):
        point = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self.instance_actions, point
        ):
            raise PermissionDenied
        return point


class ActionPointEditView(OwnGroupActionPointMixin, snippet_views.EditView):
    pass


class ActionPointDeleteView(OwnGroupActionPointMixin, snippet_views.DeleteView):
    instance_actions = ["delete"]


class ActionPointHistoryView(OwnGroupActionPointMixin, snippet_views.HistoryView):
    pass


class ActionPointUsageView(OwnGroupActionPointMixin, snippet_views.UsageView):
    pass


class ProgressNotesPanel(Panel):
    """The point's progress notes, oldest first, each with its author and date (read only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "meetings/admin/action_point_notes_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            point = self.instance
            context["notes"] = (
                point.notes.select_related("author") if point is not None and point.pk else []
            )
            return context


class ActionPointFilterSet(WagtailFilterSet):
    """Status, responsible agency (each once, in the editor's language), none named, due date
    and group: the filters the co-chairs' overview links to (meetings/admin_overview.py)."""

    responsible_agency = TranslationKeyFilter(
        label=_("Responsible agency"),
        queryset=AgencyPage.objects.all(),
        empty_label=_("All agencies"),
    )
    no_agency = django_filters.BooleanFilter(
        label=_("No responsible agency named"),
        field_name="responsible_agency",
        lookup_expr="isnull",
        widget=BooleanRadioSelect,
    )
    due_date = django_filters.DateFromToRangeFilter(
        label=_("Due date"), widget=DateRangePickerWidget
    )
    group = TranslationKeyFilter(
        label=_("Group"), queryset=ThematicGroupPage.objects.all(), empty_label=_("All groups")
    )

    class Meta:
        model = ActionPoint
        fields = ["status"]


class ActionPointViewSet(SnippetViewSet):
    """Action points in the admin: filter by status, due date and group; edit text and status.
    A group lead lists and opens their own groups' action points only."""

    model = ActionPoint
    icon = "tasks"
    menu_label = _("Action points")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["text", "responsible_agency", "due_date", "status", "group"]
    filterset_class = ActionPointFilterSet
    ordering = ["due_date", "pk"]
    edit_view_class = ActionPointEditView
    delete_view_class = ActionPointDeleteView
    history_view_class = ActionPointHistoryView
    usage_view_class = ActionPointUsageView
    edit_handler = ObjectList(
        [
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("responsible_agency"), FieldPanel("due_date")]),
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("group"), FieldPanel("raised_at"), FieldPanel("closed_at")]),
            ProgressNotesPanel(heading=_("Progress notes")),
            FieldPanel("progress_note"),
        ],
        base_form_class=ActionPointAdminForm,
    )

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change", "view"]
        ).select_related("responsible_agency", "group")


register_permission_policy(ActionPoint, ActionPointPermissionPolicy(ActionPoint))
hooks.register("register_log_actions", register_action_point_log_actions)
register_snippet(ActionPointViewSet)


@hooks.register("after_edit_snippet")
def remember_who_changed_the_status(request, instance):
    """An action point's status changed in the admin: record by whom."""
    if isinstance(instance, ActionPoint) and getattr(instance, "status_changed_now", False):
        instance.status_changed_by = request.user
        instance.save(update_fields=["status_changed_by"])


def open_existing_next_meeting(request, meeting):
    """Send the person to the group's next meeting, saying it was there already."""
    messages.info(
        request,
        gettext("“%(title)s” is already the group's next meeting; here it is.")
        % {"title": meeting.title},
    )
    return redirect("wagtailadmin_pages:edit", meeting.pk)


@require_http_methods(["GET", "POST"])
def next_meeting_view(request, page_id):
    """Confirm, then create the group's next meeting as a draft and open it for editing; when
    the group has a meeting after this one already, open that one instead."""
    meeting = get_object_or_404(MeetingPage, pk=page_id)
    if not may_create_next_meeting(request.user, meeting):
        raise PermissionDenied
    existing = existing_next_meeting(meeting)
    if existing is not None:
        return open_existing_next_meeting(request, existing)
    if request.method == "POST":
        next_meeting, created = create_next_meeting(meeting, request.user)
        if not created:
            # Another click made it a moment ago.
            return open_existing_next_meeting(request, next_meeting)
        messages.success(
            request,
            gettext("“%(title)s” is created as a draft. Check it, then publish its agenda.")
            % {"title": next_meeting.title},
        )
        return redirect("wagtailadmin_pages:edit", next_meeting.pk)
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
    """'Create the next meeting' (or 'Open the next meeting') in the "…" menu of a meeting's
    admin pages too; the edit form shows it in its own panel (meetings/admin_panels.py)."""
    if page.specific_class is MeetingPage and may_create_next_meeting(user, page.specific):
        existing = existing_next_meeting(page.specific)
        if existing is None:
            label, url = (
                gettext("Create the next meeting"),
                reverse("meetings_next_meeting", args=[page.pk]),
            )
        else:
            label, url = (
                gettext("Open the next meeting"),
                reverse("wagtailadmin_pages:edit", args=[existing.pk]),
            )
        yield Button(label, url=url, icon_name="date", priority=12)


hooks.register("construct_homepage_panels", add_group_panels)
# After Wagtail's own counts are added (order 0), so that they can be replaced.
hooks.register("construct_homepage_summary_items", add_group_counts, order=1)

hooks.register("register_admin_urls", register_meetings_overview_urls)
hooks.register("construct_homepage_panels", add_meetings_overview)
hooks.register("construct_homepage_summary_items", add_meetings_counts, order=1)
