"""The portal's roles, each a Django group (docs/architecture.md, Roles), and what each may do."""

from django.apps import apps as global_apps
from django.core.exceptions import PermissionDenied
from django.utils.translation import pgettext_lazy
from django.views.defaults import permission_denied

MEMBERS = "Members"
AGENCY_EDITORS = "Agency editors"
GROUP_LEADS = "Group leads"
CO_CHAIRS = "Co-chairs"

ROLE_GROUPS = [MEMBERS, AGENCY_EDITORS, GROUP_LEADS, CO_CHAIRS]

# The role groups' names as people read them, in the admin and in e-mails: the groups keep
# their English names, which the code looks them up by (core/stored_names.py).
ROLE_GROUP_LABELS = {
    MEMBERS: pgettext_lazy("role group", "Members"),
    AGENCY_EDITORS: pgettext_lazy("role group", "Agency editors"),
    GROUP_LEADS: pgettext_lazy("role group", "Group leads"),
    CO_CHAIRS: pgettext_lazy("role group", "Co-chairs"),
}

# Roles that work in the Wagtail admin.
ADMIN_ROLES = {AGENCY_EDITORS, GROUP_LEADS, CO_CHAIRS}

# Model permissions of each role: (app label, model, actions). Pages are not here: co-chairs
# get page rights on the whole tree, agency editors and group leads on their own
# organisation's pages (see organisations.py). Which reports and action points an editor or a
# lead sees is narrowed further by those models' permission policies.
MEDIA = [
    # Wagtail checks image and document rights against its own models, even when swapped.
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]
ROLE_MODEL_PERMISSIONS = {
    MEMBERS: [],
    AGENCY_EDITORS: [
        ("wagtailadmin", "admin", ["access"]),
        ("services_map", "problemreport", ["change", "view"]),
    ],
    GROUP_LEADS: [
        ("wagtailadmin", "admin", ["access"]),
        ("meetings", "actionpoint", ["add", "change", "view"]),
    ],
    CO_CHAIRS: [
        ("wagtailadmin", "admin", ["access"]),
        ("meetings", "actionpoint", ["add", "change", "delete", "view"]),
        ("services_map", "problemreport", ["change", "delete", "view"]),
        ("services_map", "servicecategory", ["add", "change", "delete", "view"]),
        ("services_map", "language", ["add", "change", "delete", "view"]),
        ("services_map", "helpline", ["add", "change", "delete", "view"]),
        ("services_map", "province", ["change", "view"]),
        ("services_map", "district", ["add", "change", "view"]),
        ("taggit", "tag", ["add", "change", "delete", "view"]),
        ("wagtailcore", "workflow", ["change"]),
        ("wagtailcore", "task", ["change"]),
        # Deactivating an account and changing its roles happen on Wagtail's user pages; new
        # accounts only come through invitations, so co-chairs do not get add_user.
        ("accounts", "user", ["change", "view"]),
        ("accounts", "invitation", ["add", "change", "delete", "view"]),
        ("accounts", "accessrequest", ["change", "view"]),
    ],
}
# Media rights on the root collection: everyone who edits pages may add pictures and files.
ROLE_MEDIA = {AGENCY_EDITORS: MEDIA, GROUP_LEADS: MEDIA, CO_CHAIRS: MEDIA}

# Page rights. A co-chair's are on the root of the page tree.
EVERY_PAGE_PERMISSION = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]


def ensure_role_groups(apps=global_apps):
    """Create the role groups with their rights; return them by name. Safe to run again, and
    cheap when nothing is missing: a few queries, whatever the number of rights.

    `apps` is a migration's app registry when called from the data migration."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def exists(app_label, model):
        # A migration's registry lacks the models made by later migrations: the migration
        # that makes one runs this again to grant its rights (services_map 0016, helplines).
        try:
            apps.get_model(app_label, model)
        except LookupError:
            return False
        return True

    def rights(entries):
        return [
            (app_label, f"{action}_{model}")
            for app_label, model, actions in entries
            if exists(app_label, model)
            for action in actions
        ]

    model_rights = {name: rights(ROLE_MODEL_PERMISSIONS[name]) for name in ROLE_GROUPS}
    media_rights = {name: rights(entries) for name, entries in ROLE_MEDIA.items()}
    page_rights = [("wagtailcore", codename) for codename in EVERY_PAGE_PERMISSION]
    wanted = {key for keys in (*model_rights.values(), *media_rights.values()) for key in keys}
    wanted.update(page_rights)
    permissions = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
    }
    if missing := wanted - permissions.keys():
        raise Permission.DoesNotExist(f"No such permissions: {sorted(missing)}")

    groups = {}
    for name in ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        if model_rights[name]:
            group.permissions.add(*(permissions[key] for key in model_rights[name]))
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        given = set(
            GroupCollectionPermission.objects.filter(collection=root_collection).values_list(
                "group_id", "permission_id"
            )
        )
        for name, keys in media_rights.items():
            for key in keys:
                if (groups[name].pk, permissions[key].pk) not in given:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=root_collection, permission=permissions[key]
                    )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        co_chairs = groups[CO_CHAIRS]
        given = set(
            GroupPagePermission.objects.filter(group=co_chairs, page=root_page).values_list(
                "permission_id", flat=True
            )
        )
        for key in page_rights:
            if permissions[key].pk not in given:
                GroupPagePermission.objects.get_or_create(
                    group=co_chairs, page=root_page, permission=permissions[key]
                )
    return groups


def needs_two_factor(user):
    """True for a person who may reach the Wagtail admin: they must have two-factor set up."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


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


def is_co_chair(user):
    """True for an active co-chair or superuser."""
    return is_member(user) and (user.is_superuser or CO_CHAIRS in role_names(user))


class CoChairsOnlyMixin:
    """A view for co-chairs (and superusers) only: the whole response's figures are theirs to
    act on; anybody else gets 403 Forbidden, answered here because the admin would turn a
    raised PermissionDenied into a redirect to its home."""

    def dispatch(self, request, *args, **kwargs):
        if not is_co_chair(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)
