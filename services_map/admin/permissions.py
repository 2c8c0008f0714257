"""Who may work through problem reports: co-chairs all of them, an agency's editors their own."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from iswg_portal.accounts.roles import is_co_chair


class ProblemReportPermissionPolicy(ModelPermissionPolicy):
    """Model permissions decide what a person may do with reports; the services they may edit
    decide whose reports they see."""

    def sees_every_report(self, user):
        """Superusers and co-chairs see the reports of every agency."""
        return is_co_chair(user)

    def reports_visible_to(self, user):
        """The reports about services this person may edit."""
        if self.sees_every_report(user):
            return self.model._default_manager.all()
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        return self.model._default_manager.filter(service__in=editable.values("pk"))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self.reports_visible_to(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.reports_visible_to(user)
