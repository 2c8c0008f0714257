"""Privilege is ordered: superuser > co-chair > everybody else. Who may change whose account,
and which groups a person may hand out, so no one climbs above their own rights."""

from django.contrib.auth.models import Group
from django.db.models import Q

from .roles import CO_CHAIRS, ROLE_GROUPS

OTHER, CO_CHAIR, SUPERUSER = 0, 1, 2


def rank(user):
    """Where an account stands, whether or not it is active: a deactivated co-chair is still
    a co-chair's account, and only those of at least that rank may bring it back."""
    if user.is_superuser:
        return SUPERUSER
    if user.groups.filter(name=CO_CHAIRS).exists():
        return CO_CHAIR
    return OTHER


def may_manage_account(editor, account):
    """True when `editor` may open, edit or act on `account`: never one above their own."""
    return editor.pk == account.pk or rank(editor) >= rank(account)


def may_change_credentials(editor, account):
    """True when `editor` may change the e-mail, password or active state of `account`: their
    own, or one below them. Superusers answer for each other; co-chairs do not."""
    if editor.pk == account.pk:
        return True
    editor_rank = rank(editor)
    return editor_rank == SUPERUSER or editor_rank > rank(account)


def grantable_groups(editor):
    """The groups `editor` may give or take away: every group for a superuser; for anybody else
    the portal's roles up to their own and the agencies' and thematic groups' own groups."""
    if editor.is_superuser:
        return Group.objects.all()
    roles = [name for name in ROLE_GROUPS if name != CO_CHAIRS or rank(editor) >= CO_CHAIR]
    return Group.objects.filter(Q(name__in=roles) | Q(organisation__isnull=False))
