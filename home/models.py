"""The portal's front page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page

from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translation import FallbackRoutingMixin
from meetings.queries import home_meetings
from services_map.models import helplines_for
from services_map.taxonomy import taxonomy_for

from .needs import chosen_place, directory_link, district_groups, need_tiles


class HomePage(FallbackRoutingMixin, Page):
    """Front page in each language, for the person looking for help first: the service search,
    the place they are in, their needs as tiles, the helplines; then the working group's
    meetings and minutes."""

    base_form_class = PortalPageForm

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence under the portal's name saying who the portal is for."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """The ways into the directory at the visitor's chosen place, the helplines there, and
        the upcoming meetings and latest minutes this visitor may see, all in the visitor's
        language or the nearest one available."""
        context = super().get_context(request, *args, **kwargs)
        locale = Locale.get_active()
        taxonomy = taxonomy_for(locale)
        place = chosen_place(request.GET, taxonomy)
        directory_url = f"/{locale.language_code}/services/"
        context.update(home_meetings(request.user))
        context.update(
            directory_url=directory_url,
            place=place,
            provinces=taxonomy.provinces,
            district_groups=district_groups(taxonomy),
            needs=need_tiles(taxonomy, directory_url, place),
            open_now_url=directory_link(directory_url, place, open_now="1"),
            place_url=directory_link(directory_url, place),
            helplines=helplines_for(
                locale, province=place.province["id"] if place.province else None
            ),
        )
        return context
