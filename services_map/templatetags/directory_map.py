"""Template tags about the directory's map."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_tile_host():
    """The host the map's images come from (settings.MAP_TILE_URL), or '' when the site serves
    them itself: what the footer's promise about other websites must name."""
    return urlsplit(settings.MAP_TILE_URL).hostname or ""
