"""The admin's 'confirm still correct' action: a button on a service's header and in page
listings, a page that says what will happen, and one POST that confirms the listing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page

from iswg_portal.core.redirects import safe_next

from ..freshness import CONFIRM_ACTION, can_confirm, confirm_listing
from ..models import ServicePage


def confirm_listing_view(request, page_id):
    """GET shows what will happen; POST sets last_verified to today and goes back."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ServicePage):
        raise PermissionDenied
    if not can_confirm(page, request.user):
        raise PermissionDenied
    next_url = safe_next(
        request,
        request.POST.get("next") or request.GET.get("next") or "",
        reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
    )
    if request.method == "POST":
        today = confirm_listing(page, request.user)
        messages.success(
            request,
            _("'%(title)s' is confirmed as correct on %(date)s.")
            % {"title": page.get_admin_display_title(), "date": today.isoformat()},
        )
        return redirect(next_url)
    return TemplateResponse(
        request,
        "services_map/admin/confirm_listing.html",
        {
            "page": page,
            "next_url": next_url,
            "confirm_url": reverse("services_map_confirm_listing", args=[page.pk]),
            "header_title": _("Confirm listing"),
            "page_title": _("Confirm listing"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "check",
            "today": timezone.localdate(),
        },
    )


def register_confirm_listing_url():
    return [
        path(
            "services/<id:page_id>/confirm/",
            confirm_listing_view,
            name="services_map_confirm_listing",
        )
    ]


def _confirm_button(page, user, next_url, priority):
    if page.specific_class is not ServicePage or not can_confirm(page, user):
        return None
    url = reverse("services_map_confirm_listing", args=[page.pk])
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return Button(_("Confirm still correct"), url=url, icon_name="check", priority=priority)


def confirm_listing_header_button(page, user, view_name, next_url=None):
    button = _confirm_button(page, user, next_url, priority=55)
    if button is not None:
        yield button


def confirm_listing_more_button(page, user, next_url=None):
    button = _confirm_button(page, user, next_url, priority=45)
    if button is not None:
        yield button


def register_confirm_listing_log_action(actions):
    actions.register_action(
        CONFIRM_ACTION, _("Confirm listing"), _("Confirmed the listing as still correct")
    )
