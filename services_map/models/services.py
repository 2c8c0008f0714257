"""A service (HSDS service) and what hangs off it: locations, weekly hours, phones, languages."""

import copy
import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.analysis import index_text
from iswg_portal.core.collation import sort_key
from iswg_portal.core.text import fold_for_search
from iswg_portal.core.translation import VisitorLanguageUrlMixin

from ..fields import MultipleChoiceField
from ..restrictions import private_sections_q
from ..shared_facts import SERVICE_FACTS, SharedFactsMixin
from .forms import ServicePageForm
from .pages import AgencyPage
from .panels import SharedFieldPanel, SharedInlinePanel, TranslationNoticePanel
from .snippets import ServiceCategory

STALE_AFTER_DAYS = 180


class LegalStatus(models.TextChoices):
    """Legal situations in Türkiye that decide who may use a service."""

    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection (Syrians)")
    IP_APPLICANT = "ip_applicant", _("International protection applicant")
    IP_HOLDER = "ip_holder", _("International protection status holder")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit holder")
    UNDOCUMENTED = "undocumented", _("Without documents / unregistered")
    STATELESS = "stateless", _("Stateless person")
    HOST_COMMUNITY = "host_community", _("Turkish citizen (host community)")


class ServicePopulationGroup(TaggedItemBase):
    """Tag link between a service and a population group it serves (women at risk, children...)."""

    content_object = ParentalKey(
        "services_map.ServicePage",
        on_delete=models.CASCADE,
        related_name="tagged_population_groups",
    )


class ServicePageQuerySet(PageQuerySet):
    """The read side of services: every public surface finds services through `listed_for`."""

    def listed_for(self, user, today=None):
        """Services this person may find: published, not closed, not ended, and internal ones
        for members only (the query form of `ServicePage.is_listed_for`)."""
        today = today or timezone.localdate()
        queryset = self.live().filter(
            Q(status__in=LISTABLE_STATUSES), Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        if not is_member(user):
            queryset = queryset.filter(is_internal=False)
        return queryset

    def outside_restricted_sections(self):
        """Services that no view restriction (login, password, groups) hides: what lists
        gathered from the whole site may show, as a section's restriction is not checked
        there page by page."""
        return self.exclude(private_sections_q())


ServicePageManager = PageManager.from_queryset(ServicePageQuerySet)


class ServicePage(SharedFactsMixin, VisitorLanguageUrlMixin, Page):
    """A service an agency offers (HSDS service), with everything a caseworker needs to refer
    someone to it; lives below its agency. Its translations share its facts (SERVICE_FACTS)."""

    shared_facts = SERVICE_FACTS

    class FeeType(models.TextChoices):
        FREE = "free", _("Free of charge")
        PARTLY_FREE = "partly_free", _("Partly free")
        PAID = "paid", _("Paid")

    class AccessMethod(models.TextChoices):
        WALK_IN = "walk_in", _("Walk in")
        APPOINTMENT = "appointment", _("By appointment")
        REFERRAL_ONLY = "referral_only", _("By referral only")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        CLOSED = "closed", _("Closed")

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One sentence a refugee understands: what you offer and to whom. Shown in search "
            "results."
        ),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What happens at the service, in plain words. Avoid acronyms."),
    )
    categories = ParentalManyToManyField(
        ServiceCategory,
        blank=True,
        related_name="services",
        verbose_name=_("categories"),
        help_text=_("Tick the sector and the type(s) of service that describe it best."),
    )
    population_groups = ClusterTaggableManager(
        through=ServicePopulationGroup,
        blank=True,
        verbose_name=_("population groups"),
        help_text=_(
            "Who the service is for, e.g. women at risk, children, persons with disabilities, "
            "older persons, LGBTIQ+, all. Reuse the suggested names."
        ),
    )
    eligibility_description = models.TextField(
        _("who can use it"),
        blank=True,
        help_text=_(
            "Conditions in plain words, e.g. 'Registered in İzmir, with children under 5'."
        ),
    )
    eligible_legal_statuses = MultipleChoiceField(
        _("legal statuses accepted"),
        choices=LegalStatus.choices,
        blank=True,
        help_text=_("Leave all unticked if the legal status does not matter."),
    )
    eligible_nationalities = models.CharField(
        _("nationalities accepted"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty if any nationality may come, e.g. 'Syrian, Afghan, Iraqi'."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    fee_type = models.CharField(
        _("fees"), max_length=20, choices=FeeType.choices, default=FeeType.FREE
    )
    fees_description = models.CharField(
        _("about the fees"),
        max_length=300,
        blank=True,
        help_text=_("What costs money and how much, e.g. 'Medicines are paid'."),
    )
    access_method = models.CharField(
        _("how to access"),
        max_length=20,
        choices=AccessMethod.choices,
        default=AccessMethod.WALK_IN,
    )
    application_process = models.TextField(
        _("how to get the service"),
        blank=True,
        help_text=_("Step by step: where to go or whom to call, and what to say."),
    )
    referral_method = models.TextField(
        _("how partners refer someone"),
        blank=True,
        help_text=_("For caseworkers: referral form, e-mail address, phone line, consent needed."),
    )
    what_happens_next = models.TextField(
        _("what happens next"),
        blank=True,
        help_text=_("After the first contact: an interview, a waiting list, a home visit..."),
    )
    response_time = models.CharField(
        _("usual response time"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'Same day' or 'Within 2 weeks'."),
    )
    complaints_channel = models.TextField(
        _("how to complain"),
        blank=True,
        help_text=_("Where a person can give feedback or complain about this service."),
    )
    documents_required = models.TextField(
        _("documents to bring"),
        blank=True,
        help_text=_("e.g. 'Temporary protection ID (kimlik), or the registration document'."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("A closed service disappears from the public directory."),
    )
    start_date = models.DateField(_("starts on"), null=True, blank=True)
    end_date = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("Leave empty if open-ended. After this date the service leaves the directory."),
    )
    is_internal = models.BooleanField(
        _("for members only"),
        default=False,
        help_text=_("Tick for services only referral partners should see; hidden from the public."),
    )
    is_protection_sensitive = models.BooleanField(
        _("protection-sensitive: hide the address"),
        default=False,
        help_text=_(
            "Tick for shelters and other places whose address must not be public. People see "
            "'call first' and your phone numbers instead of the address and map."
        ),
    )
    serves_whole_province = models.BooleanField(
        _("serves the whole province"),
        default=False,
        help_text=_(
            "Tick when people from every district of the province come to this place, e.g. "
            "registration at the migration directorate or the Bar's legal aid: the printed "
            "sheet of each district of the province then lists it after the district's own "
            "services."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("web page"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=30,
        blank=True,
        help_text=_("With country code, e.g. +90 532 000 00 00."),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("The date someone from your agency last checked that this listing is right."),
    )
    last_stale_reminder_at = models.DateTimeField(
        _("last reminder sent"), null=True, blank=True, editable=False
    )
    # Set on publishing when the words (not the facts) differ from the version live before: a
    # translation older than its source's words says so (shared_facts.py).
    words_changed_at = models.DateTimeField(
        _("text last changed"), null=True, blank=True, editable=False
    )
    # The search keys of the name, agency name and acronym (search/analysis.py), kept on the row
    # so that "best first" can rank a match in the name above one in the description with plain
    # SQL on any database.
    search_name = models.CharField(max_length=500, blank=True, editable=False)
    # The title's ICU sort key in the page's language (core/collation.py): the directory's
    # "Name" order follows the alphabet in SQL, paged, on SQLite and PostgreSQL alike.
    title_sort_key = models.TextField(blank=True, default="", editable=False)

    content_panels = [
        TranslationNoticePanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        SharedFieldPanel("categories"),
        SharedFieldPanel("population_groups"),
        MultiFieldPanel(
            [
                SharedFieldPanel("status"),
                FieldRowPanel([SharedFieldPanel("start_date"), SharedFieldPanel("end_date")]),
            ],
            heading=_("Status and dates"),
        ),
    ]
    access_panels = [
        MultiFieldPanel(
            [
                FieldPanel("eligibility_description"),
                SharedFieldPanel("eligible_legal_statuses"),
                SharedFieldPanel("eligible_nationalities"),
                FieldRowPanel([SharedFieldPanel("minimum_age"), SharedFieldPanel("maximum_age")]),
            ],
            heading=_("Who can use it"),
        ),
        MultiFieldPanel(
            [SharedFieldPanel("fee_type"), FieldPanel("fees_description")], heading=_("Fees")
        ),
        MultiFieldPanel(
            [
                SharedFieldPanel("access_method"),
                FieldPanel("application_process"),
                FieldPanel("documents_required"),
                FieldPanel("response_time"),
                FieldPanel("what_happens_next"),
            ],
            heading=_("How to access"),
        ),
        MultiFieldPanel(
            [FieldPanel("referral_method"), FieldPanel("complaints_channel")],
            heading=_("For referral partners"),
        ),
        SharedInlinePanel("service_languages", heading=_("Languages spoken"), label=_("Language")),
    ]
    where_panels = [
        MultiFieldPanel(
            [SharedFieldPanel("is_protection_sensitive"), SharedFieldPanel("is_internal")],
            heading=_("Visibility"),
        ),
        SharedInlinePanel("locations", heading=_("Locations"), label=_("Location")),
        SharedFieldPanel("serves_whole_province"),
        SharedInlinePanel("schedules", heading=_("Opening hours"), label=_("Opening period")),
    ]
    contact_panels = [
        SharedInlinePanel("phones", heading=_("Phones"), label=_("Phone")),
        SharedFieldPanel("email"),
        SharedFieldPanel("whatsapp"),
        SharedFieldPanel("website"),
        SharedFieldPanel("last_verified"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Service")),
            ObjectList(access_panels, heading=_("Access")),
            ObjectList(where_panels, heading=_("Where and when")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ServicePageForm

    objects = ServicePageManager()

    search_fields = [
        *Page.search_fields,
        # The text as search keys (search/analysis.py: folded words and their stems), so
        # `saglik` finds `Sağlık` and `اطفال` finds `الأطفال` on any search backend.
        index.SearchField("indexed_name", boost=5),
        index.SearchField("indexed_agency", boost=3),
        index.SearchField("indexed_body"),
        index.FilterField("status"),
        index.FilterField("is_internal"),
        index.FilterField("fee_type"),
        index.FilterField("end_date"),
    ]

    parent_page_types = ["services_map.AgencyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def save(self, *args, **kwargs):
        """Keep the name keys used for ranking and the title's sort key in step with the title
        and the agency."""
        self.search_name = self.ranking_name()
        if self.locale_id is None:
            # As Wagtail would on this first save: the language of the page above.
            self.locale = self.get_default_locale()
        self.title_sort_key = sort_key(self.title, self.locale.language_code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_name", "title_sort_key"]
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """Hours, links, report counts and structured data for this visitor, the agency and
        directory above the service, an empty report form, and the original when its words
        changed since this translation's."""
        # Both modules read these models: imported here, not at the top, to avoid a cycle.
        from ..public.reports import ProblemReportForm
        from ..public.service_display import service_display

        context = super().get_context(request, *args, **kwargs)
        context["info"] = info = service_display(self, request.user, request=request)
        context["directory"] = info.agency.get_parent()
        context["report_form"] = ProblemReportForm(service=self)
        context.update(self.newer_source_context())
        return context

    # --- Search text ----------------------------------------------------------------------

    def agency_text(self):
        """The agency's name and acronym, as written."""
        if not self.path or self.depth is None or self.depth <= 1:
            return ""
        agency = AgencyPage.objects.filter(path=self.path[: -self.steplen]).first()
        if agency is None:
            return ""
        return f"{agency.title} {agency.acronym}"

    def body_text(self):
        """Summary, description, categories, population groups, places and languages."""
        parts = [self.summary, strip_tags(self.description or ""), self.eligibility_description]
        if self.pk:
            categories = list(self.categories.all())
            parts.extend(category.name for category in categories)
            if categories:
                # Names in every language, so a Turkish word finds an English-tagged service.
                parts.extend(
                    ServiceCategory.objects.filter(
                        translation_key__in=[c.translation_key for c in categories]
                    ).values_list("name", flat=True)
                )
            parts.extend(tag.name for tag in self.population_groups.all())
        for location in self.locations.all().select_related("province", "district"):
            if location.province_id:
                parts.append(location.province.name)
            # A protection-sensitive place must not be findable by its district or street.
            if not self.is_protection_sensitive:
                parts.append(location.name)
                if location.district_id:
                    parts.append(location.district.name)
        for spoken in self.service_languages.all().select_related("language"):
            if spoken.language_id:
                parts.extend([spoken.language.name, spoken.language.native_name])
        return " ".join(part for part in parts if part)

    def folded_words(self):
        """Every word of the service as folded, for the typo vocabulary."""
        return fold_for_search(f"{self.title} {self.agency_text()} {self.body_text()}")

    def ranking_name(self):
        """The search keys of the name, agency name and acronym, as `search_name` keeps them."""
        return index_text(f"{self.title} {self.agency_text()}")[:500]

    def get_indexed_instance(self):
        """The page as one pass of the search index reads it: a copy that works out each search
        text once, though the SQLite backend asks for every field once per column (title,
        body, autocomplete), each time reading the agency, places and languages again."""
        indexed = super().get_indexed_instance()
        if indexed is None:
            return None
        indexed = copy.copy(indexed)
        indexed._search_texts = {}
        return indexed

    def _search_text(self, name, compute):
        """compute(), kept for the rest of the pass on the index's copy (only there)."""
        texts = self.__dict__.get("_search_texts")
        if texts is None:
            return compute()
        if name not in texts:
            texts[name] = compute()
        return texts[name]

    def indexed_name(self):
        return self._search_text("name", lambda: index_text(self.title))

    def indexed_agency(self):
        return self._search_text("agency", lambda: index_text(self.agency_text()))

    def indexed_body(self):
        return self._search_text("body", lambda: index_text(self.body_text()))

    # --- Sharing (iswg_portal/core/seo.py) --------------------------------------------------

    def sharing_summary(self):
        """What a link preview says of the service where its words are not in the visitor's
        language: the names, and what the page tells, in the interface's words."""
        return gettext(
            "%(service)s, a service of %(agency)s: how to reach it, when it is open and who "
            "may use it."
        ) % {"service": self.title, "agency": self.get_parent().title}

    def sharing_image(self):
        """The agency's logo, for link previews; None when it has none."""
        return self.get_parent().specific.logo

    # --- Rules ----------------------------------------------------------------------------

    def has_ended(self, today=None):
        """True once the end date has passed."""
        today = today or timezone.localdate()
        return self.end_date is not None and self.end_date < today

    @classmethod
    def hidden_from_public(cls):
        """Live, unrestricted services that public lists (the sitemap) still leave out:
        internal, closed and ended ones."""
        return cls.objects.exclude(pk__in=cls.objects.listed_for(None).values("pk"))

    def is_publicly_listed(self, today=None):
        """True when anyone, signed in or not, may find this service: published, not for
        members only, not closed and not ended."""
        return self.is_listed_for(None, today)

    def is_listed_for(self, user, today=None):
        """True when this person may find the service: the one page's form of
        `ServicePage.objects.listed_for`; members also see internal services."""
        return (
            self.live
            and self.status in LISTABLE_STATUSES
            and not self.has_ended(today)
            and (not self.is_internal or is_member(user))
        )

    def is_stale(self, today=None):
        """True when nobody has verified the listing for 180 days (or ever)."""
        today = today or timezone.localdate()
        if self.last_verified is None:
            return True
        return (today - self.last_verified) > datetime.timedelta(days=STALE_AFTER_DAYS)

    def shows_address_to(self, user):
        """Protection-sensitive addresses are only for signed-in members."""
        return not self.is_protection_sensitive or is_member(user)


# Statuses in which a service is listed; a closed one leaves the directory.
LISTABLE_STATUSES = (ServicePage.Status.ACTIVE, ServicePage.Status.TEMPORARILY_CLOSED)
