"""The portal's front page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translation import FallbackRoutingMixin
from meetings.queries import home_meetings


class HomePage(FallbackRoutingMixin, Page):
    """Front page in each language: service search first, then meetings and minutes."""

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
        """Upcoming meetings and the latest minutes that this visitor may see."""
        context = super().get_context(request, *args, **kwargs)
        context.update(home_meetings(request.user))
        return context
