"""How allauth behaves on this portal."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from iswg_portal.core.mail import queue_email

from .roles import needs_two_factor


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come by invitation or an approved access request, never by signing up alone."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """Write allauth's e-mail (reset, verification, security notice) in the account's
        preferred language and queue it, so a mail server outage never fails the request."""
        from .models import User

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
        queue_email(message)


class MFAAdapter(DefaultMFAAdapter):
    """An editor may not remove the authenticator app the admin requires of them."""

    def can_delete_authenticator(self, authenticator):
        if authenticator.type == Authenticator.Type.TOTP and settings.ISWG_ADMIN_REQUIRES_MFA:
            return not needs_two_factor(authenticator.user)
        return super().can_delete_authenticator(authenticator)
