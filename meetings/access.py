"""Who may see and do what in the meetings part of the portal (see DESIGN.md, Roles)."""

from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS, is_member, role_names

__all__ = ["is_member", "runs_meetings"]


def runs_meetings(user):
    """True for co-chairs, group leads and superusers: the people who schedule meetings."""
    if not is_member(user):
        return False
    return user.is_superuser or bool(role_names(user) & {CO_CHAIRS, GROUP_LEADS})
