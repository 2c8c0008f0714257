from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "iswg_portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The receivers import the models: only once the app registry is ready.
        from iswg_portal.core import stored_names

        from . import signals  # noqa: F401 - connects the receivers
        from .organisations import GROUP_NAME_LABELS
        from .roles import ROLE_GROUP_LABELS

        stored_names.translate_names(ROLE_GROUP_LABELS)
        stored_names.translate_names_starting(GROUP_NAME_LABELS)


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user management with the portal's rules (see admin_users.py)."""

    user_viewset = "iswg_portal.accounts.admin_users.PortalUserViewSet"
