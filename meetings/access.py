"""Who may see and do what in the meetings part of the portal (see DESIGN.md, Roles)."""

from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS, ROLE_GROUPS


def is_member(user):
    """True for a signed-in account in any of the portal's role groups, or a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_portal_role_names", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._portal_role_names = cached
    return bool(cached)


def runs_meetings(user):
    """True for co-chairs, group leads and superusers: the people who schedule meetings."""
    if not is_member(user):
        return False
    return user.is_superuser or bool(user._portal_role_names & {CO_CHAIRS, GROUP_LEADS})
