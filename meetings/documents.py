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


def meeting_documents(meeting):
    """Every document of the meeting: those of its record and those beside its agenda items."""
    documents = [item.document for item in meeting.documents.select_related("document")]
    documents.extend(
        document for item in meeting.items for document in item["documents"] if document
    )
    return documents


def protect_members_only_documents(meeting):
    """Move a members-only meeting's documents, its agenda items' included, into the
    members-only collection.

    The editor is asked to do this when saving; this catches any document that reached the
    meeting another way, so no public URL serves it. Returns the documents moved.
    """
    if not meeting.is_members_only:
        return []
    moved = []
    collection = None
    for document in meeting_documents(meeting):
        if not is_members_only_collection(document.collection):
            collection = collection or members_only_collection()
            document.collection = collection
            document.save(update_fields=["collection"])
            moved.append(document)
    return moved
