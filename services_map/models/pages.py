"""Pages of the service directory: the directory itself and the agencies that run services."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translation import FallbackRoutingMixin, VisitorLanguageUrlMixin

from ..shared_facts import AGENCY_FACTS, SharedFactsMixin
from .forms import AgencyPageForm
from .panels import SharedFieldPanel, TranslationNoticePanel


class ServiceDirectoryPage(FallbackRoutingMixin, RoutablePageMixin, Page):
    """The public directory of services, searched at /<lang>/services/; agencies live below it."""

    base_form_class = PortalPageForm

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown above the search box."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services_map.AgencyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service directory")

    @path("")
    def search(self, request):
        """The search page: words, facets, results, map."""
        # Imported here to break the cycle models -> public.views -> search -> models.
        from ..public.views import directory_search

        return directory_search(request, self)

    @path("map/", name="map_data")
    def map_data(self, request):
        """Markers of the current search for the map."""
        # Imported here to break the cycle models -> public.views -> search -> models.
        from ..public.views import directory_map_data

        return directory_map_data(request, self)


class AgencyPage(SharedFactsMixin, FallbackRoutingMixin, VisitorLanguageUrlMixin, Page):
    """An agency that runs services (HSDS organization); its services are its child pages.
    Its translations share its contact details and type (AGENCY_FACTS)."""

    base_form_class = AgencyPageForm
    shared_facts = AGENCY_FACTS

    class AgencyType(models.TextChoices):
        UN = "un", _("UN agency")
        INGO = "ingo", _("International NGO")
        NGO = "ngo", _("National NGO")
        PUBLIC = "public", _("Public institution")
        MUNICIPALITY = "municipality", _("Municipality")

    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("Short name, e.g. UNHCR or ASAM.")
    )
    agency_type = models.CharField(_("type"), max_length=20, choices=AgencyType.choices)
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What your agency does in the region, in a few sentences."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    logo = models.ForeignKey(
        "core.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    # Set on publishing when the words differ from the version live before (shared_facts.py).
    words_changed_at = models.DateTimeField(
        _("text last changed"), null=True, blank=True, editable=False
    )

    content_panels = [
        TranslationNoticePanel(),
        *Page.content_panels,
        MultiFieldPanel(
            [
                SharedFieldPanel("acronym"),
                SharedFieldPanel("agency_type"),
                SharedFieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [SharedFieldPanel("website"), SharedFieldPanel("email"), SharedFieldPanel("phone")],
            heading=_("Contact"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("acronym", boost=2),
        index.SearchField("description"),
        index.FilterField("agency_type"),
    ]

    parent_page_types = ["services_map.ServiceDirectoryPage"]
    subpage_types = ["services_map.ServicePage"]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    def sharing_summary(self):
        """What a link preview says of the agency where its words are not in the visitor's
        language (iswg_portal/core/seo.py)."""
        return gettext(
            "%(agency)s: its services for refugees in the Aegean region of Türkiye and how to "
            "reach them."
        ) % {"agency": self.title}

    def sharing_image(self):
        """The agency's logo, for link previews; None when it has none."""
        return self.logo

    def get_context(self, request, *args, **kwargs):
        """The directory it belongs to, the agency's current services this visitor may see, in
        the page's language, and the original when its words changed since this
        translation's."""
        # queries.py reads these models: imported here, not at the top, to avoid a cycle.
        from ..queries import agency_services

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = self.get_parent()
        context["services"] = agency_services(self, request.user)
        context.update(self.newer_source_context())
        return context
