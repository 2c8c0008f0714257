"""Members-only documents: kept in a collection that Wagtail serves only to members."""

from django.contrib.auth.models import Group
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from iswg_portal.accounts.roles import ROLE_GROUPS

MEMBERS_ONLY_COLLECTION = "Members only"


def members_only_collection():
    """The collection whose documents only members may download; created on first use."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=MEMBERS_ONLY_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=MEMBERS_ONLY_COLLECTION)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
    groups = [Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS]
    restriction.groups.add(*groups)
    return collection


def is_members_only_collection(collection):
    """True when the collection (or one above it) keeps its documents from the public."""
    if collection is None:
        return False
    return any(
        restriction.restriction_type in (BaseViewRestriction.GROUPS, BaseViewRestriction.LOGIN)
        for restriction in collection.get_view_restrictions()
    )
