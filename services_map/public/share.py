"""Passing a service or a search on, as refugees do by WhatsApp: the message, written in the
visitor's language on the server, and the links that open WhatsApp or the SMS app with it.

static/js/share.js offers the phone's own share sheet (the Web Share API) with the same title,
text and address where the browser has one, and a button that copies the address."""

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

# Numbers and Turkish addresses keep their left-to-right order inside an Arabic, Persian or
# Pashto message: each is isolated (Unicode's LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL
# ISOLATE), or "+90 232 449 44 30" may read "449 44 30 232 +90".
LTR_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def left_to_right(text):
    """Text that must read left to right, isolated where the visitor's language runs right to
    left."""
    return f"{LTR_ISOLATE}{text}{POP_ISOLATE}" if text and get_language_bidi() else text


@dataclass(frozen=True)
class Share:
    """What is shared: a `title` and a `text` (for the share sheet, which adds the `url`) and
    the whole message with the address, ready for WhatsApp and SMS links."""

    title: str
    text: str
    url: str

    @property
    def message(self):
        return f"{self.text}\n{self.url}"

    @property
    def whatsapp_url(self):
        """WhatsApp's own link: the app opens with the message, the visitor picks the chat."""
        return f"https://wa.me/?text={quote(self.message, safe='')}"

    @property
    def sms_url(self):
        """An SMS with the message: `?&body=` is read by Android's and iOS's messaging apps."""
        return f"sms:?&body={quote(self.message, safe='')}"


def service_share(service, display, url):
    """The service's name, first phone and address (or, where the address is not public, its
    province and a word to call first), in the active language; None for a members-only
    service, which is not passed on. A message leaves the portal for anyone, so a
    protection-sensitive address stays out of it even when a member shares it."""
    if service.is_internal:
        return None
    lines = [service.title]
    if display.phones:
        number = left_to_right(display.phones[0].number)
        lines.append(_("Phone: %(number)s") % {"number": number})
    first = display.location_links[0] if display.location_links else None
    location = first["location"] if first else None
    if location is not None and not service.is_protection_sensitive:
        lines.append(_("Address: %(address)s") % {"address": left_to_right(first["address"])})
    elif location is not None and location.province_id:
        lines.append(
            _("In %(province)s: call to ask where to go.")
            % {"province": location.province.label_in(get_language())}
        )
    return Share(title=service.title, text="\n".join(lines), url=url)


def search_description(params, taxonomy):
    """A directory search in words: what was typed, the types of service and the places
    chosen, e.g. '"avukat", Legal aid, Buca (İzmir)'."""
    parts = []
    if params.q:
        parts.append(_("“%(words)s”") % {"words": params.q})
    for slug in params.categories:
        if category := taxonomy.category_by_slug.get(slug):
            parts.append(category["name"])
    for district_id in params.districts:
        if district := taxonomy.district_by_id.get(district_id):
            parts.append(district["label"])
    for slug in params.provinces:
        if province := taxonomy.province_by_slug.get(slug):
            parts.append(province["label"])
    return ", ".join(parts)


def search_share(title, params, taxonomy, url):
    """A search of the directory, named by its words and choices."""
    description = search_description(params, taxonomy)
    if description:
        text = _("Services for refugees in the ISWG directory: %(search)s") % {
            "search": description
        }
    else:
        text = _("Services for refugees in the Aegean region, in the ISWG directory")
    return Share(title=title, text=text, url=url)
