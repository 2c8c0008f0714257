"""Two-factor authentication rules: who must have it, whether they do, and how setting up a
first authenticator app follows a fresh sign-in without asking for the password again."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings

from .models import ROLE_CHOICES
from .roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, needs_two_factor, role_names

# Set in the session by the set-up that gave the account its first authenticator app.
ENROLLED_KEY = "accounts.two_factor_enrolled"

# The set-up's pages that allauth guards with "confirm your password": the app step, and the
# recovery codes it makes (shown and downloaded).
SET_UP_URL_NAMES = {
    "accounts_activate_totp",
    "accounts_recovery_codes",
    "mfa_download_recovery_codes",
}

# The admin roles, highest first: the one named when a person holds several.
ADMIN_ROLES_BY_RANK = [CO_CHAIRS, GROUP_LEADS, AGENCY_EDITORS]


def has_two_factor(user):
    """True when the person has an authenticator app (TOTP) set up through allauth."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_two_factor(user):
    """True when the person may reach the admin but has no authenticator app yet."""
    if not settings.ISWG_ADMIN_REQUIRES_MFA:
        return False
    return needs_two_factor(user) and not has_two_factor(user)


def is_required_for(user):
    """True when the admin requires two-factor of this person (whether or not they have it)."""
    return settings.ISWG_ADMIN_REQUIRES_MFA and needs_two_factor(user)


def role_requiring_two_factor(user):
    """The name of the person's highest admin role, as the set-up pages give it as the reason
    for being there; None for a superuser without a role, or when nothing requires it."""
    if not is_required_for(user):
        return None
    labels = dict(ROLE_CHOICES)
    held = role_names(user)
    return next((labels[role] for role in ADMIN_ROLES_BY_RANK if role in held), None)


def signed_in_moments_ago(request):
    """True when this session's latest sign-in (or password confirmation) is more recent than
    ACCOUNT_REAUTHENTICATION_TIMEOUT, allauth's measure of a recent authentication."""
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    return time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


def mark_enrolled(request):
    """Remember that this session set up the account's first authenticator app."""
    request.session[ENROLLED_KEY] = request.user.pk


def enrolled_in_this_session(request):
    """True when the account's authenticator app was set up in this very session."""
    return request.session.get(ENROLLED_KEY) == request.user.pk and has_two_factor(request.user)


def is_setting_up_first_authenticator(request):
    """True while this session gives the account its first authenticator app: it has none
    yet, or the one it has was set up here (its recovery codes are still being shown)."""
    user = request.user
    if not Authenticator.objects.filter(user=user).exists():
        return True
    return enrolled_in_this_session(request)


def may_skip_password_confirmation(request):
    """True when allauth's "confirm your password" step would only repeat the sign-in the
    person has just made: they are setting up their first authenticator app, on one of the
    set-up's pages, within the recent-sign-in window. Everything else (new recovery codes,
    removing or replacing an app, anything later) still asks. The account's mailbox must be
    proven before a first app all the same (mailbox_proof.py)."""
    match = request.resolver_match
    if not request.user.is_authenticated or match is None:
        return False
    return (
        match.url_name in SET_UP_URL_NAMES
        and signed_in_moments_ago(request)
        and is_setting_up_first_authenticator(request)
    )
