"""Who may work on action points in the admin: co-chairs on every group's, a group lead on
their own groups' only."""

from wagtail.permission_policies import ModelPermissionPolicy

from meetings.access import may_change_action_point


class ActionPointPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (from the role) decide what a person may do with action points; the
    groups they lead decide which action points (see access.py)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_change_action_point(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.changeable_by(user)
