"""How allauth behaves on this portal."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come by invitation or an approved access request, never by signing up alone."""

    def is_open_for_signup(self, request):
        return False
