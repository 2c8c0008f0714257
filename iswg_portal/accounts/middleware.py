"""Keep people who may edit out of the Wagtail admin, and from changing anything, until they
have two-factor set up: the one place that rule lives."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from iswg_portal.core.redirects import safe_next, with_next

from .roles import needs_two_factor
from .two_factor import must_set_up_two_factor

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

# What a person without an authenticator may still do: sign in and out, confirm their
# password and their mailbox, and set up two-factor (allauth's MFA pages are all named mfa_...).
ENROLMENT_URL_NAMES = {
    "account_login",
    "account_logout",
    "account_reauthenticate",
    "admin_logout",
    "accounts_confirm_mailbox",
    "accounts_activate_totp",
    "accounts_recovery_codes",
}


def is_enrolment_step(request):
    """True for the pages that lead to setting up two-factor, or out of the account."""
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return False
    return name in ENROLMENT_URL_NAMES or name.startswith("mfa_")


class AdminTwoFactorMiddleware:
    """An editor without an authenticator app (any admin role, or a superuser) can do nothing
    but set one up: every admin page and every change anywhere on the site (a POST: an action
    point's status on the tracker, a follow, a feed address, a profile) sends them to allauth's
    TOTP setup, and nothing changes. Signed-in people with no business in the admin get 403
    there.

    Having an authenticator is what is checked: allauth then asks for its code at every
    sign-in, so nobody who set it up reaches the admin on a password alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Signing out through the admin's address is open to everyone signed in.
        in_admin = request.path.startswith(reverse("wagtailadmin_home")) and (
            request.path != reverse("admin_logout")
        )
        user = request.user
        if in_admin and user.is_authenticated and not needs_two_factor(user):
            # Wagtail would send a signed-in member to the sign-in page, which sends them
            # straight back here: a loop. Say plainly that the admin is not for them.
            raise PermissionDenied
        changes_something = request.method not in SAFE_METHODS
        if (
            (in_admin or changes_something)
            and must_set_up_two_factor(user)
            and not is_enrolment_step(request)
        ):
            return redirect(enrolment_url(request, in_admin))
        return self.get_response(request)


def enrolment_url(request, in_admin):
    """The set-up of an authenticator app, with the page the person was going to as its `next`
    (the set-up says why they are there and ends with a button back to it). From the admin,
    whose addresses carry no language, the set-up opens in the person's own language; a
    change refused elsewhere is said on the set-up and leads back to the page it came from."""
    if in_admin:
        with translation.override(request.user.preferred_language):
            url = reverse("mfa_activate_totp")
        going_to = request.get_full_path() if request.method in SAFE_METHODS else ""
    else:
        url = reverse("mfa_activate_totp")
        going_to = request.META.get("HTTP_REFERER", "")
        messages.warning(request, _("Set up two-factor authentication before you change anything."))
    return with_next(url, safe_next(request, going_to, ""))
