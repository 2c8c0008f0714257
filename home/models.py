"""The portal's front page."""

import math

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.fragments import cached_fragment
from iswg_portal.core.locales import active_locale
from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translation import FallbackRoutingMixin
from meetings.queries import home_meetings, home_meetings_change_at
from services_map.models import helplines_for
from services_map.taxonomy import taxonomy_for

from .needs import chosen_place, directory_link, district_groups, need_tiles

# The public meeting lists are drawn again at least this often, whatever happens.
MEETING_LISTS_SECONDS = 60 * 60


def public_meeting_lists(request, language):
    """The home page's upcoming meetings and latest minutes as the public sees them, drawn once
    per language and kept in the shared cache until the next publication or until a listed
    meeting starts or ends, whichever comes first (an hour at most)."""

    def draw():
        lists = home_meetings(request.user)
        html = render_to_string("home/includes/meeting_lists.html", lists, request=request)
        return {"html": str(html), "until": home_meetings_change_at(lists)}

    def seconds_to_keep(entry):
        if entry["until"] is None:
            return MEETING_LISTS_SECONDS
        left = (entry["until"] - timezone.now()).total_seconds()
        return max(1, min(MEETING_LISTS_SECONDS, math.ceil(left)))

    entry = cached_fragment(
        "home-meetings", (language, request.get_host()), draw, timeout=seconds_to_keep
    )
    # Drawn by the portal's own template from its own data, kept as its text.
    return mark_safe(entry["html"])  # noqa: S308


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
        locale = active_locale()
        taxonomy = taxonomy_for(locale)
        place = chosen_place(request.GET, taxonomy)
        directory_url = f"/{locale.language_code}/services/"
        if is_member(request.user):
            context.update(home_meetings(request.user))
        else:
            context["meeting_lists"] = public_meeting_lists(request, locale.language_code)
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
