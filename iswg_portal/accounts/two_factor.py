"""Two-factor authentication rules: who must have it, and whether they do."""

from allauth.mfa.models import Authenticator
from django.conf import settings

from .roles import needs_two_factor


def has_two_factor(user):
    """True when the person has an authenticator app (TOTP) set up through allauth."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_two_factor(user):
    """True when the person may reach the admin but has no authenticator app yet."""
    if not settings.ISWG_ADMIN_REQUIRES_MFA:
        return False
    return needs_two_factor(user) and not has_two_factor(user)
