"""Keep people who may edit out of the Wagtail admin until they have two-factor set up."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .two_factor import must_set_up_two_factor


class AdminTwoFactorMiddleware:
    """Sends an editor without an authenticator app from /admin/ to allauth's TOTP setup.

    Having an authenticator is what is checked: allauth then asks for its code at every
    sign-in, so nobody who set it up reaches the admin on a password alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")) and must_set_up_two_factor(
            request.user
        ):
            with translation.override(request.user.preferred_language):
                messages.warning(
                    request,
                    _("Set up two-factor authentication before you open the admin."),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
