"""The portal's roles, each a Django group (see DESIGN.md, Roles)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

MEMBERS = "Members"
AGENCY_EDITORS = "Agency editors"
GROUP_LEADS = "Group leads"
CO_CHAIRS = "Co-chairs"

ROLE_GROUPS = [MEMBERS, AGENCY_EDITORS, GROUP_LEADS, CO_CHAIRS]

# Roles that work in the Wagtail admin.
ADMIN_ROLES = {AGENCY_EDITORS, GROUP_LEADS, CO_CHAIRS}


def ensure_role_groups():
    """Create the role groups and let the editing roles reach the admin; return them by name."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for name in ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(access_admin)
        groups[name] = group
    grant_co_chairs_everything_in_content(groups[CO_CHAIRS])
    grant_co_chairs_account_management(groups[CO_CHAIRS])
    return groups


ACCOUNT_PERMISSIONS = [
    # Deactivating an account and changing its roles happen on Wagtail's user pages; new
    # accounts only come through invitations, so co-chairs do not get add_user.
    ("user", ["change", "view"]),
    ("invitation", ["add", "change", "delete", "view"]),
    ("accessrequest", ["change", "view"]),
]


def grant_co_chairs_account_management(group):
    """Co-chairs manage accounts: invitations, access requests, roles and deactivation."""
    for model, actions in ACCOUNT_PERMISSIONS:
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="accounts", codename=f"{action}_{model}"
                )
            )


def organisation_groups():
    """Django groups that stand for one agency or one thematic group (every non-role group)."""
    return Group.objects.exclude(name__in=ROLE_GROUPS).order_by("name")


def needs_two_factor(user):
    """True for a person who may reach the Wagtail admin: they must have two-factor set up."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
MEDIA_PERMISSIONS = [
    # Wagtail checks image and document rights against its own models, even when swapped.
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]


def grant_co_chairs_everything_in_content(group):
    """Co-chairs may edit and publish every page, image and document of the portal."""
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, model, actions in MEDIA_PERMISSIONS:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ),
                )


def role_names(user):
    """The names of the portal's role groups the user belongs to, read once per request's user."""
    cached = getattr(user, "_portal_role_names", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._portal_role_names = cached
    return cached


def is_member(user):
    """True for a signed-in, active account in any of the portal's role groups, or a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(role_names(user))
