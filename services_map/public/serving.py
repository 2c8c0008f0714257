"""Who may open a service page: the public sees listed services only; members also see the
internal ones. Anything else is a plain 404, so a hidden service does not reveal it exists."""

from django.http import Http404

from iswg_portal.core.middleware import mark_private, offer_offline_copy

from ..models import ServicePage


def hide_unlisted_services(page, request, serve_args, serve_kwargs):
    """Refuse internal, closed and ended services to everyone they are not listed for."""
    if isinstance(page, ServicePage) and not page.is_listed_for(request.user):
        raise Http404


def set_service_cache_policy(page, request, serve_args, serve_kwargs):
    """An internal service's page is for members: no cache and no offline copy may keep it.
    A public one may be kept for reading offline (unless the visitor is signed in)."""
    if isinstance(page, ServicePage):
        if page.is_internal:
            mark_private(request)
        else:
            offer_offline_copy(request, "service")
