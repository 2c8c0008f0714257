"""Wagtail hooks of the front page."""

from wagtail import hooks

from iswg_portal.core.middleware import offer_offline_copy

from .models import HomePage


@hooks.register("before_serve_page")
def keep_home_page_offline(page, request, serve_args, serve_kwargs):
    """The home page is the installed app's start page: the service worker keeps it (as the
    public sees it) so that it opens without a connection."""
    if isinstance(page, HomePage):
        offer_offline_copy(request, "start")
