"""The members' contact directory: the focal points agencies named in the working group and its
thematic groups, one entry per person and agency, by agency in the reader's alphabet, as a page,
a CSV file and vCards for a phone's address book."""

import csv
from dataclasses import dataclass, field

from django.utils.translation import gettext

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.translation import best_live_translations
from meetings.models import GroupFocalPoint
from meetings.tracker import spreadsheet_safe


@dataclass
class Contact:
    """A focal point as the directory lists them, with every group that names them."""

    name: str
    role: str
    email: str
    phone: str
    agency: object = None
    groups: list = field(default_factory=list)

    @property
    def agency_name(self):
        if self.agency is None:
            return ""
        return self.agency.title


def focal_point_contacts(language, group=None):
    """The focal points of the live groups (or of one group, any of its translations), each
    person once per agency, agencies and groups named in `language`'s nearest translation,
    ordered by agency, then name, in that language's alphabet."""
    rows = (
        GroupFocalPoint.objects.filter(group__live=True)
        .select_related("group", "agency")
        .order_by("group__pk", "sort_order", "pk")
    )
    if group is not None:
        rows = rows.filter(group__translation_key=group.translation_key)
    rows = list(rows)
    groups = best_live_translations([row.group for row in rows], language)
    agencies = best_live_translations(
        [row.agency for row in rows if row.agency is not None], language
    )
    contacts = {}
    for row in rows:
        agency = agencies.get(row.agency.translation_key) if row.agency else None
        person = (row.email or row.name).strip().lower()
        key = (person, getattr(agency, "translation_key", None))
        contact = contacts.get(key)
        if contact is None:
            contact = contacts[key] = Contact(row.name, row.role, row.email, row.phone, agency)
        contact.phone = contact.phone or row.phone
        contact.role = contact.role or row.role
        group_name = groups[row.group.translation_key].title
        if group_name not in contact.groups:
            contact.groups.append(group_name)
    by_name = sorted_by_name(contacts.values(), language, key=lambda contact: contact.name)
    return sorted_by_name(by_name, language, key=lambda contact: contact.agency_name or "\uffff")


def by_agency(contacts):
    """[(agency name, [contacts])] in the contacts' order; people of no agency last."""
    grouped = {}
    for contact in contacts:
        grouped.setdefault(contact.agency_name, []).append(contact)
    return list(grouped.items())


def write_csv(contacts, stream):
    """The contacts as CSV rows under a header in the active language."""
    writer = csv.writer(stream)
    writer.writerow(
        [gettext("Agency"), gettext("Name"), gettext("Role"), gettext("E-mail"), gettext("Phone")]
        + [gettext("Groups")]
    )
    for contact in contacts:
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    contact.agency_name,
                    contact.name,
                    contact.role,
                    contact.email,
                    contact.phone,
                    "; ".join(contact.groups),
                )
            ]
        )


def vcard_text(value):
    """A vCard 3.0 text value: backslash, comma, semicolon and line breaks escaped."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def vcards(contacts):
    """The contacts as vCard 3.0 (RFC 2426) cards, lines ended by CRLF as the format asks."""
    lines = []
    for contact in contacts:
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{vcard_text(contact.name)}"]
        lines.append(f"N:{vcard_text(contact.name)};;;;")
        if contact.agency_name:
            lines.append(f"ORG:{vcard_text(contact.agency_name)}")
        if contact.role:
            lines.append(f"TITLE:{vcard_text(contact.role)}")
        if contact.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{vcard_text(contact.email)}")
        if contact.phone:
            lines.append(f"TEL;TYPE=WORK,VOICE:{vcard_text(contact.phone)}")
        if contact.groups:
            lines.append(f"NOTE:{vcard_text(', '.join(contact.groups))}")
        lines.append("END:VCARD")
    return "".join(line + "\r\n" for line in lines)
