"""Thematic groups: the index at /<lang>/groups/ and one page per group (the plenary included)."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translation import FallbackRoutingMixin, VisitorLanguageUrlMixin
from iswg_portal.core.weekdays import Weekday

from .blocks import StandingItemBlock


class ThematicGroupIndexPage(FallbackRoutingMixin, Page):
    """The list of thematic groups, each with its leads, next meeting and open action points."""

    base_form_class = PortalPageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.ThematicGroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("thematic groups index")

    def get_context(self, request, *args, **kwargs):
        """Each group of this language (or its English page) with its summary figures."""
        # meetings.queries imports these models: importing it at the top would be a cycle.
        from meetings.queries import group_summaries

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = group_summaries(self, request.user)
        return context


def default_meeting_time():
    """Groups usually meet at 10:00 Istanbul time."""
    return time(10, 0)


class ThematicGroupPage(FallbackRoutingMixin, VisitorLanguageUrlMixin, Page):
    """A thematic group (or the ISWG plenary): who leads it, who takes part, when it meets."""

    base_form_class = PortalPageForm

    class Sector(models.TextChoices):
        COORDINATION = "coordination", _("Inter-sector coordination")
        PROTECTION = "protection", _("Protection")
        CHILD_PROTECTION = "child_protection", _("Child protection")
        SGBV = "sgbv", _("Sexual and gender-based violence")
        BASIC_NEEDS = "basic_needs", _("Basic needs")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        LIVELIHOODS = "livelihoods", _("Livelihoods")
        SOCIAL_COHESION = "social_cohesion", _("Social cohesion")

    class Week(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = 5, _("last")

    # The portal's one weekday enumeration (1 = Monday), reachable from the model like the others.
    Weekday = Weekday

    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One sentence shown in the list of groups.")
    )
    terms_of_reference = RichTextField(
        _("terms of reference"),
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("The group's purpose, membership and ways of working."),
    )
    lead_agency = models.ForeignKey(
        "services_map.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead agency"),
    )
    co_lead_agency = models.ForeignKey(
        "services_map.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("co-lead agency"),
    )
    member_agencies = ParentalManyToManyField(
        "services_map.AgencyPage",
        blank=True,
        related_name="thematic_groups",
        verbose_name=_("member agencies"),
    )
    schedule_week = models.PositiveSmallIntegerField(
        _("week of the month"), choices=Week.choices, null=True, blank=True
    )
    schedule_weekday = models.PositiveSmallIntegerField(
        _("day"), choices=Weekday.choices, null=True, blank=True
    )
    schedule_time = models.TimeField(_("time (Türkiye time)"), default=default_meeting_time)
    schedule_interval_months = models.PositiveSmallIntegerField(
        _("every … months"),
        default=1,
        help_text=_("1 for a monthly meeting, 2 for every other month, 3 for quarterly."),
    )
    meeting_duration_minutes = models.PositiveSmallIntegerField(
        _("usual length in minutes"), default=120
    )
    default_place = models.CharField(
        _("usual place"), max_length=255, blank=True, help_text=_("E.g. UNHCR İzmir office.")
    )
    default_online_link = models.URLField(_("usual online link"), blank=True)
    standing_agenda = StreamField(
        [("item", StandingItemBlock())],
        blank=True,
        verbose_name=_("standing agenda items"),
        help_text=_("Items that open every meeting; copied into each next meeting."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("sector"),
        FieldPanel("summary"),
        FieldPanel("terms_of_reference"),
    ]
    people_panels = [
        MultiFieldPanel(
            [FieldPanel("lead_agency"), FieldPanel("co_lead_agency")], heading=_("Leads")
        ),
        InlinePanel("focal_points", label=_("Focal points"), heading=_("Focal points")),
        FieldPanel("member_agencies"),
    ]
    schedule_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("schedule_week"),
                        FieldPanel("schedule_weekday"),
                        FieldPanel("schedule_time"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("schedule_interval_months"), FieldPanel("meeting_duration_minutes")]
                ),
                FieldPanel("default_place"),
                FieldPanel("default_online_link"),
            ],
            heading=_("Regular schedule"),
        ),
        FieldPanel("standing_agenda"),
        InlinePanel("documents", label=_("Documents"), heading=_("Documents")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Group")),
            ObjectList(people_panels, heading=_("People")),
            ObjectList(schedule_panels, heading=_("Meetings")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("terms_of_reference"),
        index.FilterField("sector"),
    ]

    parent_page_types = ["meetings.ThematicGroupIndexPage"]
    subpage_types = ["meetings.MeetingPage"]

    class Meta:
        verbose_name = _("thematic group")
        verbose_name_plural = _("thematic groups")

    def __str__(self):
        return self.title

    @property
    def schedule_in_words(self):
        """The regular schedule as people say it: 'second Wednesday of the month, 10:00'."""
        if self.schedule_week is None or self.schedule_weekday is None:
            return ""
        week = self.Week(self.schedule_week).label
        day = self.Weekday(self.schedule_weekday).label
        clock = self.schedule_time.strftime("%H:%M")
        if self.schedule_interval_months == 1:
            return gettext("%(week)s %(day)s of the month, %(time)s") % {
                "week": week,
                "day": day,
                "time": clock,
            }
        return gettext("%(week)s %(day)s every %(months)s months, %(time)s") % {
            "week": week,
            "day": day,
            "months": self.schedule_interval_months,
            "time": clock,
        }

    def sharing_summary(self):
        """What a link preview says of the group where its words are not in the visitor's
        language (iswg_portal/core/seo.py)."""
        return gettext(
            "%(group)s of the refugee response in the Aegean region of Türkiye: its members, "
            "focal points and meetings."
        ) % {"group": self.title}

    def get_context(self, request, *args, **kwargs):
        """Upcoming and past meetings, open action points and attendance of the last year."""
        # meetings.queries imports these models: importing it at the top would be a cycle.
        from meetings.queries import group_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(group_page_context(self, request.user))
        context["now"] = timezone.now()
        return context


class GroupFocalPoint(Orderable):
    """A person an agency names as its contact in the group; receives the group's e-mails."""

    group = ParentalKey(ThematicGroupPage, on_delete=models.CASCADE, related_name="focal_points")
    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey(
        "services_map.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_focal_points",
        verbose_name=_("agency"),
    )
    role = models.CharField(
        _("role in the group"), max_length=100, blank=True, help_text=_("E.g. chair, co-chair.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The group's e-mails reach this person in this language, unless the address "
            "belongs to a portal account: then the account's own language is used."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("agency"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("language")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return self.name


class GroupDocument(Orderable):
    """A document of the group itself: terms of reference, work plan, contact list."""

    group = ParentalKey(ThematicGroupPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "core.PortalDocument",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    label = models.CharField(_("label"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("group document")
        verbose_name_plural = _("group documents")

    def __str__(self):
        return self.label or self.document.title
