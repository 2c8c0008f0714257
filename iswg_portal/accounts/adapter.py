"""How allauth behaves on this portal."""

import ipaddress
import logging

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import truncate_ip
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation

from .models import User
from .roles import needs_two_factor
from .two_factor import may_skip_password_confirmation

logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's own address, as every rate limit and repeat check counts it: what the
    trusted proxy the visitor connects to saw (TRUSTED_PROXY_COUNT), else REMOTE_ADDR.
    An IPv6 visitor holds a whole network and is counted by it (/64), as allauth's
    per-address limits count."""
    return truncate_ip(get_adapter(request).get_client_ip(request))


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come by invitation or an approved access request, never by signing up alone."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """allauth's reading of X-Forwarded-For, except that a request which passed fewer
        proxies than configured (one that reached an inner proxy or the app directly) is
        counted by its nearest hop instead of failing with a server error."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer entries than TRUSTED_PROXY_COUNT; counting REMOTE_ADDR"
            )
        try:
            return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
        except ValueError:
            raise PermissionDenied("Unable to determine client IP address") from None

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Count failed passwords per address and account together (ACCOUNT_RATE_LIMITS says
        why): a stranger's guesses from elsewhere never lock an account for its owner.

        allauth keys its per-account limit on this method alone (sign-in, reauthentication and
        the reset that clears it); tests/accounts/test_rate_limits.py notices if that changes."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{client_address(request)}:{account}"

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth asks for the password again before two-factor settings change, unless the
        person confirmed it within ACCOUNT_REAUTHENTICATION_TIMEOUT. A sign-in counts as well
        when it is what brought them to set up their first authenticator app: being asked
        again seconds later only says the portal forgot them."""
        request = self.request
        if app == "allauth.mfa" and request is not None and may_skip_password_confirmation(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_mail(self, template_prefix, email, context):
        """Write allauth's e-mail (reset, verification, security notice) in the account's
        preferred language and queue it, so a mail server outage never fails the request."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        request = allauth_context.request
        with translation.override(language):
            # The same context allauth's own send_mail builds before rendering.
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        message.send()


class MFAAdapter(DefaultMFAAdapter):
    """An editor may not remove the authenticator app the admin requires of them."""

    def can_delete_authenticator(self, authenticator):
        if authenticator.type == Authenticator.Type.TOTP and settings.ISWG_ADMIN_REQUIRES_MFA:
            return not needs_two_factor(authenticator.user)
        return super().can_delete_authenticator(authenticator)
