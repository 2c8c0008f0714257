"""Keep people who may edit out of the Wagtail admin until they have two-factor set up."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .roles import needs_two_factor
from .two_factor import must_set_up_two_factor


class AdminTwoFactorMiddleware:
    """Sends an editor without an authenticator app from /admin/ to allauth's TOTP setup, and
    answers 403 to a signed-in person who has no business in the admin.

    Having an authenticator is what is checked: allauth then asks for its code at every
    sign-in, so nobody who set it up reaches the admin on a password alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not needs_two_factor(user):
            # Wagtail would send a signed-in member to the sign-in page, which sends them
            # straight back here: a loop. Say plainly that the admin is not for them.
            raise PermissionDenied
        if must_set_up_two_factor(user):
            with translation.override(request.user.preferred_language):
                messages.warning(
                    request,
                    _("Set up two-factor authentication before you open the admin."),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
