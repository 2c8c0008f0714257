"""Each agency and each thematic group has its own Django group, kept in step with its page.

Creating, renaming or deleting an agency's or a thematic group's page creates, renames or
removes the group; the group holds page rights on the page and everything below it, in every
language. The apps that own those pages call `page_saved` and `page_deleted` from their signal
receivers."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Locale, Page

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.stored_names import shown_name
from iswg_portal.core.translation import best_translations

from . import audit
from .models import Organisation

Kind = Organisation.Kind

# Agency editors add and edit their agency's pages and submit them for approval, but do not
# publish; group leads add, edit and publish in their group's subtree.
PAGE_RIGHTS = {
    Kind.AGENCY: ["add_page", "change_page"],
    Kind.THEMATIC_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
GROUP_NAME = {Kind.AGENCY: "Agency: {}", Kind.THEMATIC_GROUP: "Thematic group: {}"}
# How those names read in the admin and in e-mails: the kind in the reader's language, the
# organisation's own name as stored (core/stored_names.py).
GROUP_NAME_LABELS = {
    GROUP_NAME[Kind.AGENCY].format(""): _("Agency: %(name)s"),
    GROUP_NAME[Kind.THEMATIC_GROUP].format(""): _("Thematic group: %(name)s"),
}


def group_name(kind, page):
    """The group's name, from the title of the page in the default language."""
    source = page.get_translations(inclusive=True).filter(locale=Locale.get_default()).first()
    return GROUP_NAME[kind].format((source or page).title)[:150]


def free_name(name, organisation=None):
    """`name`, or `name (2)`, `(3)`, … when another group has it already."""
    taken = Group.objects.filter(name__startswith=name)
    if organisation is not None:
        taken = taken.exclude(pk=organisation.group_id)
    taken = set(taken.values_list("name", flat=True))
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


# The fields of a page its organisation's group depends on: its name comes from the title, its
# rights are given when the page is first saved (all fields).
NAMING_FIELDS = {"title", "translation_key"}


@transaction.atomic
def page_saved(page, kind, update_fields=None):
    """Create or rename the page's organisation group and give it rights on the page. A save of
    only other fields (`update_fields`, as a draft's revision is recorded) changes neither."""
    if update_fields is not None and not NAMING_FIELDS & set(update_fields):
        return None
    organisation = (
        Organisation.objects.select_related("group")
        .filter(translation_key=page.translation_key)
        .first()
    )
    name = group_name(kind, page)
    if organisation is None:
        group = Group.objects.create(name=free_name(name))
        organisation = Organisation.objects.create(
            group=group, kind=kind, translation_key=page.translation_key
        )
        log(group, audit.ORGANISATION_CREATED, data={"name": group.name})
    elif not organisation.group.name.startswith(name):
        old_name = organisation.group.name
        organisation.group.name = free_name(name, organisation)
        organisation.group.save(update_fields=["name"])
        log(
            organisation.group,
            audit.ORGANISATION_RENAMED,
            data={"old": old_name, "name": organisation.group.name},
        )
    given = set(
        GroupPagePermission.objects.filter(group=organisation.group, page_id=page.pk).values_list(
            "permission__codename", flat=True
        )
    )
    if missing := [codename for codename in PAGE_RIGHTS[kind] if codename not in given]:
        # A right given meanwhile by another request is left as it is (unique per group, page
        # and permission).
        GroupPagePermission.objects.bulk_create(
            [
                GroupPagePermission(group=organisation.group, page_id=page.pk, permission=right)
                for right in Permission.objects.filter(
                    content_type__app_label="wagtailcore", codename__in=missing
                )
            ],
            ignore_conflicts=True,
        )
    return organisation


@transaction.atomic
def page_deleted(page):
    """The last translation of an agency or group is gone: so is its group, and with it the
    rights of its people (their role group stays)."""
    # Django deletes a page's own row before its base row: look past the page itself.
    if Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists():
        return
    organisation = (
        Organisation.objects.select_related("group")
        .filter(translation_key=page.translation_key)
        .first()
    )
    if organisation is None:
        return
    group = organisation.group
    members = list(group.user_set.values_list("email", flat=True))
    log(group, audit.ORGANISATION_REMOVED, data={"name": group.name, "members": members})
    group.delete()


def organisation_groups():
    """Django groups that stand for one agency or one thematic group."""
    return Group.objects.filter(organisation__isnull=False).order_by("name")


def organisation_labels(groups, language=None):
    """{group id: the organisation's name as readers of `language` (the active one) read it}
    for the groups of `groups` that stand for an agency or a thematic group: "Agency: " or
    "Thematic group: " and the name of its page in their language, else the nearest
    fallback (core/translation.py). A group keeps one name, from the default language's
    page; this is how choosers show it."""
    language = language or get_language()
    organisations = list(Organisation.objects.filter(group__in=groups))
    pages = best_translations(
        Page.objects.filter(translation_key__in=[o.translation_key for o in organisations])
        .select_related("locale")
        .specific(),
        language,
    )
    # The page's own name for itself: an agency's says its acronym, which tells apart two
    # agencies of one name.
    titles = {page.translation_key: str(page) for page in pages}
    labels = {}
    for organisation in organisations:
        title = titles.get(organisation.translation_key)
        if title is None:
            continue
        label = GROUP_NAME_LABELS[GROUP_NAME[organisation.kind].format("")]
        labels[organisation.group_id] = str(label) % {"name": title}
    return labels


def organisation_choices(groups, language=None):
    """(id, label) of each group of `groups`: the portal's roles first, by their names, then
    each agency and thematic group once, by its name in the editor's language and in that
    language's alphabetical order."""
    language = language or get_language()
    groups = list(groups)
    labels = organisation_labels(groups, language)
    roles = sorted((group for group in groups if group.pk not in labels), key=lambda g: g.name)
    organisations = sorted_by_name(
        (group for group in groups if group.pk in labels), language, key=lambda g: labels[g.pk]
    )
    return [(group.pk, shown_name(group.name)) for group in roles] + [
        (group.pk, labels[group.pk]) for group in organisations
    ]


def join(user, group):
    """Put a person in an agency's or a thematic group's group. An account belongs to at most
    one agency: joining an agency leaves any other."""
    kind = Organisation.objects.filter(group=group).values_list("kind", flat=True).first()
    if kind == Kind.AGENCY:
        others = user.groups.filter(organisation__kind=Kind.AGENCY).exclude(pk=group.pk)
        if others.exists():
            user.groups.remove(*others)
    user.groups.add(group)
