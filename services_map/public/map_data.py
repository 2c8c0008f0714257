"""The markers of the directory's map: for each place of the services a search finds, what its
popup shows (name and link, address, phone, today's hours) and the sector its pin is drawn
for. Kept small, as the script fetches it only when someone opens the map: one list per
place, in a fixed number of queries however many there are.

Only what the service page shows the same visitor reaches it: a protection-sensitive place is
left out for the public by the search itself (search.map_markers), and no field that the
public page does not show is read."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from iswg_portal.core.time import local_today

from ..map_pins import OTHER, pin_sector
from ..models import ServicePage, ServicePhone, ServiceSchedule
from ..search import map_markers
from .share import left_to_right

Categories = ServicePage.categories.through


def first_phones(page_ids):
    """Each service's first phone number, as its page lists them."""
    phones = {}
    rows = ServicePhone.objects.filter(page_id__in=page_ids).order_by("page_id", "sort_order", "pk")
    for page_id, number in rows.values_list("page_id", "number"):
        phones.setdefault(page_id, number)
    return phones


def hours_today(page_ids, today, statuses):
    """What each service's popup says about today: its hours, closed today, temporarily closed,
    or nothing where it gives no hours."""
    periods, has_hours = {}, set()
    rows = ServiceSchedule.objects.filter(page_id__in=page_ids).order_by("opens_at")
    for page_id, weekday, opens_at, closes_at in rows.values_list(
        "page_id", "weekday", "opens_at", "closes_at"
    ):
        has_hours.add(page_id)
        if weekday == today.isoweekday() and opens_at < closes_at:
            periods.setdefault(page_id, []).append(
                left_to_right(f"{opens_at:%H:%M}–{closes_at:%H:%M}")
            )
    separator = pgettext("separator between the items of a list", ", ")
    said = {}
    for page_id in page_ids:
        if statuses.get(page_id) == ServicePage.Status.TEMPORARILY_CLOSED:
            said[page_id] = _("Temporarily closed.")
        elif page_id in periods:
            said[page_id] = _("Today: %(hours)s") % {"hours": separator.join(periods[page_id])}
        elif page_id in has_hours:
            said[page_id] = _("Closed today")
        else:
            said[page_id] = ""
    return said


def page_sectors(page_ids, taxonomy, order):
    """The sector each service's pin is drawn for (map_pins.pin_sector)."""
    sector_of = {}
    for sector in taxonomy.sectors:
        sector_of[sector["id"]] = sector["slug"]
        for child in sector["children"]:
            sector_of[child["id"]] = sector["slug"]
    categories = {}
    rows = Categories.objects.filter(servicepage_id__in=page_ids)
    for page_id, category_id in rows.values_list("servicepage_id", "servicecategory_id"):
        categories.setdefault(page_id, []).append(category_id)
    return {
        page_id: pin_sector(categories.get(page_id, ()), sector_of, order) for page_id in page_ids
    }


def directory_markers(params, user, locale, taxonomy, pins, prefixes, now=None):
    """The map's markers for a search: [latitude, longitude, name, url, sector, address,
    phone, today]. `pins` is the legend (map_pins.sector_pins); `prefixes` the directory's
    URL in each language tree (queries.service_url_prefixes)."""
    now = now or timezone.now()
    rows = map_markers(params, user, locale, now=now)
    page_ids = list(dict.fromkeys(row[2] for row in rows))
    statuses = {row[2]: row[6] for row in rows}
    phones = first_phones(page_ids)
    today = hours_today(page_ids, local_today(now), statuses)
    sectors = page_sectors(page_ids, taxonomy, [pin.slug for pin in pins if pin.slug != OTHER])
    markers = []
    for row in rows:
        lat, lng, page_id, title, url_path, locale_id = row[:6]
        directory_path, directory_url = prefixes.get(locale_id, (None, None))
        url = None
        if directory_path and url_path.startswith(directory_path):
            url = directory_url + url_path[len(directory_path) :]
        address = ", ".join(part for part in row[7:] if part)
        markers.append(
            [
                round(lat, 5),
                round(lng, 5),
                title,
                url,
                sectors[page_id],
                address,
                phones.get(page_id, ""),
                today[page_id],
            ]
        )
    return markers
