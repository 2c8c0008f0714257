"""Who the working group's e-mails reach, each in the language to write to them in.

An agency is one agency in every language (pages, focal points and accounts may name any
translation of it), so agencies are matched by translation key. An address appears once; when
it belongs to an active account, the account's own language and rights decide."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from iswg_portal.accounts.models import User
from iswg_portal.accounts.roles import is_member
from meetings.models import GroupFocalPoint


@dataclass(frozen=True)
class Recipient:
    """One address to write to, in `language`; `user` is its account, if it has one."""

    address: str
    language: str
    user: User | None = None


class RecipientList:
    """Addresses gathered from several sources, each kept once: an account seen later
    replaces a focal point typed with the same address, never the other way round."""

    def __init__(self):
        self._by_address = {}

    def add_account(self, user):
        if user.email and is_member(user):
            address = user.email.lower()
            self._by_address[address] = Recipient(address, user.preferred_language, user)

    def add_focal_point(self, address, language):
        address = address.lower()
        if address and address not in self._by_address:
            self._by_address[address] = Recipient(address, language or settings.LANGUAGE_CODE)

    def resolve_accounts(self):
        """Focal points typed with the address of an active account become that account."""
        typed = [r.address for r in self._by_address.values() if r.user is None]
        if not typed:
            return
        same_address = Q()
        for address in typed:
            same_address |= Q(email__iexact=address)
        for user in User.objects.filter(same_address, is_active=True):
            if is_member(user):
                self.add_account(user)

    def __iter__(self):
        return iter(sorted(self._by_address.values(), key=lambda r: r.address))

    def __len__(self):
        return len(self._by_address)


def agency_keys(agencies):
    return {agency.translation_key for agency in agencies if agency is not None}


def agency_accounts(keys):
    """Active accounts of the agencies' own account groups (their editors and focal points)."""
    if not keys:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, groups__organisation__translation_key__in=keys)
        .distinct()
        .order_by("pk")
    )


def group_recipients(group):
    """Everyone a thematic group's meeting e-mails go to: the focal points typed on its page
    (in the language given there), the accounts of its lead and member agencies, the leads and
    members of the group's own account group, and the members who follow it."""
    recipients = RecipientList()
    for focal_point in group.focal_points.all():
        if focal_point.email:
            recipients.add_focal_point(focal_point.email, focal_point.language)
    agencies = [group.lead_agency, group.co_lead_agency, *group.member_agencies.all()]
    people = User.objects.filter(is_active=True).filter(
        Q(groups__organisation__translation_key=group.translation_key)
        | Q(group_subscriptions__group__translation_key=group.translation_key)
        | Q(groups__organisation__translation_key__in=agency_keys(agencies))
    )
    for person in people.distinct().order_by("pk"):
        recipients.add_account(person)
    recipients.resolve_accounts()
    return recipients


def agency_recipients(agency):
    """The people to tell about an agency's own business (its action points): its accounts,
    then the focal points it named in any group, else the agency's public address."""
    recipients = RecipientList()
    for person in agency_accounts({agency.translation_key}):
        recipients.add_account(person)
    focal_points = (
        GroupFocalPoint.objects.filter(agency__translation_key=agency.translation_key)
        .exclude(email="")
        .order_by("pk")
    )
    for focal_point in focal_points:
        recipients.add_focal_point(focal_point.email, focal_point.language)
    if not focal_points and agency.email:
        recipients.add_focal_point(agency.email, settings.LANGUAGE_CODE)
    recipients.resolve_accounts()
    return recipients
