"""Meetings: the calendar page at /<lang>/meetings/ and one page per meeting of a group."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translation import VisitorLanguageUrlMixin
from meetings.admin_panels import NextMeetingPanel, SentEmailsPanel
from meetings.meeting_form import MeetingPageForm

from .blocks import AgendaItemBlock, AgendaItemKind, FollowUp, OutcomeKind
from .records import MinutesAdoption


class MeetingIndexPage(Page):
    """The meetings calendar: upcoming and past meetings of every group, with a group filter."""

    base_form_class = PortalPageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("meetings calendar")

    def get_context(self, request, *args, **kwargs):
        """Upcoming and past meetings the visitor may see, filtered by the chosen group."""
        # meetings.queries imports these models: importing it at the top would be a cycle.
        from meetings.queries import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(request))
        return context


class MeetingPage(VisitorLanguageUrlMixin, Page):
    """One meeting of a group: agenda before it, minutes, attendance and documents after it."""

    base_form_class = MeetingPageForm

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only: minutes, attendance and documents")

    CALENDAR_STATUS = {
        Status.SCHEDULED: "CONFIRMED",
        Status.HELD: "CONFIRMED",
        Status.POSTPONED: "TENTATIVE",
        Status.CANCELLED: "CANCELLED",
    }

    start = models.DateTimeField(_("start"), help_text=_("Türkiye time."))
    end = models.DateTimeField(_("end"), help_text=_("Türkiye time."))
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Address or room, e.g. UNHCR İzmir.")
    )
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("Shown with a postponed or cancelled meeting, e.g. the reason."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Members only: the public sees the group, title, date, place and status; the agenda, "
            "minutes, attendance and documents need a member's sign-in."
        ),
    )
    agenda = StreamField(
        [("item", AgendaItemBlock())],
        blank=True,
        verbose_name=_("agenda and minutes"),
        help_text=_(
            "Publish the agenda before the meeting; after it, fill in each item's minutes and "
            "outcomes and publish again."
        ),
    )

    content_panels = [
        NextMeetingPanel(heading=_("Next meeting")),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("online_link"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", widget=forms.RadioSelect, classname="meeting-status"),
                FieldPanel("status_note"),
                FieldPanel("visibility"),
            ],
            heading=_("Status"),
        ),
    ]
    agenda_panels = [FieldPanel("agenda")]
    record_panels = [
        InlinePanel(
            "attendance",
            label=_("agency or guest"),
            heading=_("Attendance"),
            help_text=_(
                "The group's agencies are listed: tick who was present. Add a guest for "
                "another agency, or write the name of a person who came on their own. Agencies "
                "left unticked are recorded as absent."
            ),
        ),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Meeting")),
            ObjectList(agenda_panels, heading=_("Agenda and minutes")),
            ObjectList(record_panels, heading=_("Attendance and documents")),
            ObjectList([SentEmailsPanel(heading=_("E-mails sent"))], heading=_("E-mails")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("place"),
        index.SearchField("searchable_details"),
        index.FilterField("start"),
        index.FilterField("status"),
        index.FilterField("visibility"),
    ]

    parent_page_types = ["meetings.ThematicGroupPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    def clean(self):
        """A meeting ends after it starts.

        Documents of members-only meetings are not refused here but moved into the members-only
        collection when the meeting is published (see meetings.documents), so that a scheduled
        publication never fails on them.
        """
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting must end after it starts.")})

    # --- what the page shows --------------------------------------------------------------

    @cached_property
    def group(self):
        """The thematic group this meeting belongs to."""
        return self.get_parent().specific

    @property
    def is_members_only(self):
        """True when minutes, attendance and documents are for members only."""
        return self.visibility == self.Visibility.MEMBERS

    @property
    def calendar_status(self):
        """The iCalendar STATUS for this meeting's status."""
        return self.CALENDAR_STATUS[self.status]

    @property
    def location_text(self):
        """Place and online link as one line, for calendars and e-mails."""
        return " · ".join(part for part in (self.place, self.online_link) if part)

    def can_see_details(self, user):
        """True when this person may read the agenda, minutes, attendance and documents."""
        return not self.is_members_only or is_member(user)

    @property
    def items(self):
        """The agenda items' values, in order."""
        return [block.value for block in self.agenda if block.block_type == "item"]

    def raw_items(self):
        """The agenda items as stored, without loading the agencies and pages they point to.

        Listings and feeds ask only whether there is an agenda or minutes, and for titles; the
        raw data answers that without a query per meeting.
        """
        return [
            block.get("value") or {}
            for block in self.agenda.raw_data
            if block.get("type") == "item"
        ]

    @property
    def has_agenda(self):
        """True once at least one agenda item is written."""
        return bool(self.raw_items())

    @property
    def has_minutes(self):
        """True once any agenda item has minutes or outcomes recorded."""
        return any(
            item.get("discussion")
            or item.get("outcomes")
            or item.get("minutes_adopted")
            or item.get("follow_up")
            for item in self.raw_items()
        )

    @property
    def agenda_titles(self):
        """The agenda items' titles, in order."""
        return [item.get("title", "") for item in self.raw_items()]

    def outcomes_of_kind(self, kind):
        """The outcomes of one kind (decision, action point, …) across the agenda."""
        return [
            outcome
            for item in self.items
            for outcome in item["outcomes"]
            if outcome["kind"] == kind
        ]

    @property
    def decisions(self):
        """The decisions recorded in the minutes."""
        return self.outcomes_of_kind(OutcomeKind.DECISION)

    def minutes_adopted_by(self):
        """The meeting that adopted these minutes, or None while they are a draft."""
        adoption = (
            MinutesAdoption.objects.filter(meeting_key=self.translation_key)
            .select_related("adopted_at")
            .first()
        )
        return adoption.adopted_at if adoption else None

    def adoption_items(self):
        """Agenda items that adopt earlier minutes, with the meeting they adopt."""
        return [
            item
            for item in self.items
            if item["kind"] == AgendaItemKind.ADOPTION and item["previous_meeting"]
        ]

    def follow_up_items(self):
        """Matters arising whose minutes close an action point."""
        return [
            item
            for item in self.items
            if item["kind"] == AgendaItemKind.MATTERS_ARISING
            and item["action_point"]
            and item["follow_up"] in (FollowUp.DONE, FollowUp.DROPPED)
        ]

    @classmethod
    def hidden_from_public(cls):
        """Live, unrestricted meetings that public lists (the sitemap) still leave out: the
        members-only ones, by the rule in meetings.visibility."""
        # meetings.visibility imports these models: importing it at the top would be a cycle.
        from meetings.visibility import public_meetings

        return cls.objects.exclude(pk__in=public_meetings().values("pk"))

    def sharing_summary(self):
        """What a link preview says of the meeting, in the visitor's language: the group and
        the day, as the page shows them to anyone (iswg_portal/core/seo.py)."""
        return gettext("%(group)s: meeting on %(date)s.") % {
            "group": self.group.title,
            "date": date_format(timezone.localtime(self.start), "DATE_FORMAT"),
        }

    def searchable_details(self):
        """Agenda and minutes text for the site search: what the public may read of them."""
        # meetings.visibility imports these models: importing it at the top would be a cycle.
        from meetings.visibility import public_search_text

        return public_search_text(self)

    def get_context(self, request, *args, **kwargs):
        """What the visitor may see: details for members or public meetings, follow-up list."""
        # meetings.queries imports these models: importing it at the top would be a cycle.
        from meetings.queries import meeting_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_page_context(self, request.user))
        return context


class MeetingAttendance(Orderable):
    """Whether an agency attended a meeting, and with how many people; or a guest who came
    by name, on their own or for an agency that is not a member."""

    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        ABSENT = "absent", _("Absent")

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(
        "services_map.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_attendance",
        verbose_name=_("agency"),
    )
    name = models.CharField(_("guest's name"), max_length=200, blank=True)
    presence = models.CharField(
        _("attendance"), max_length=10, choices=Presence.choices, default=Presence.PRESENT
    )
    participants = models.PositiveSmallIntegerField(_("number of participants"), default=0)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("agency", classname="attendance-agency"),
                FieldPanel("presence", widget=forms.RadioSelect, classname="attendance-presence"),
                FieldPanel("participants", classname="attendance-participants"),
                FieldPanel("name", classname="attendance-name"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        who = ", ".join(str(part) for part in (self.agency, self.name) if part)
        return f"{who}: {self.get_presence_display()}"

    def clean(self):
        """A row names an agency, a person, or both."""
        super().clean()
        if self.agency_id is None and not self.name.strip():
            raise ValidationError({"agency": _("Choose an agency or write the guest's name.")})


class MeetingDocument(Orderable):
    """A document of a meeting (agenda PDF, presentation, signed minutes), served through Django."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        PRESENTATION = "presentation", _("Presentation")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Other")

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "core.PortalDocument",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    label = models.CharField(_("label"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("kind")]), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.label or self.document.title


def agenda_item(**values):
    """An agenda item value with every field at its default except those given.

    `outcomes` may be given as a list of dicts; they get the outcome block's defaults too.
    """
    item_block = MeetingPage._meta.get_field("agenda").stream_block.child_blocks["item"]
    outcome_block = item_block.child_blocks["outcomes"].child_block
    outcomes = values.pop("outcomes", [])
    item = item_block.get_default()
    for name, value in values.items():
        item[name] = value
    outcome_values = []
    for outcome in outcomes:
        outcome_value = outcome_block.get_default()
        outcome_value.update(outcome)
        outcome_values.append(outcome_value)
    item["outcomes"] = item_block.child_blocks["outcomes"].normalize(outcome_values)
    return item
