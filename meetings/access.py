"""Who may see and do what in the meetings part of the portal (docs/architecture.md, Roles)."""

from iswg_portal.accounts.models import Organisation
from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS, is_co_chair, is_member, role_names


def runs_meetings(user):
    """True for co-chairs, group leads and superusers: the people who schedule meetings."""
    if not is_member(user):
        return False
    return user.is_superuser or bool(role_names(user) & {CO_CHAIRS, GROUP_LEADS})


def led_group_keys(user):
    """Translation keys of the thematic groups this person leads: a group lead who is also in
    the group's own Django group (see accounts/organisations.py). Read once per request's user."""
    cached = getattr(user, "_portal_led_group_keys", None)
    if cached is None:
        if is_member(user) and GROUP_LEADS in role_names(user):
            cached = frozenset(
                Organisation.objects.filter(
                    kind=Organisation.Kind.THEMATIC_GROUP, group__user=user
                ).values_list("translation_key", flat=True)
            )
        else:
            cached = frozenset()
        user._portal_led_group_keys = cached
    return cached


def may_work_on_group(user, group):
    """Co-chairs work on every thematic group; a group lead on the groups they lead, in every
    language."""
    return is_co_chair(user) or group.translation_key in led_group_keys(user)


def may_change_action_point(user, point):
    """Open, close, edit an action point: its group's leads and the co-chairs."""
    return runs_meetings(user) and may_work_on_group(user, point.group)


def may_create_next_meeting(user, meeting):
    """Co-chairs and group leads who may add pages under the meeting's group."""
    return runs_meetings(user) and meeting.group.permissions_for_user(user).can_add_subpage()
