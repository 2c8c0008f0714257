"""The filters a directory search has on, shown above its results as chips: each names the
filter in the visitor's language and links to the same search without it."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from .forms import params_to_query


@dataclass(frozen=True)
class FilterChip:
    """One active filter: what it is ("Province"), its value ("إزمير (İzmir)") and the query
    string of the same search without it."""

    kind: str
    label: str
    remove_query: str


def _kinds():
    return {
        "categories": _("Type of service"),
        "provinces": _("Province"),
        "districts": _("District"),
        "languages": _("Language spoken"),
        "groups": _("For whom"),
        "free": _("Good to know"),
        "wheelchair": _("Good to know"),
        "open_now": _("Good to know"),
    }


def _boolean_labels():
    return {
        "free": _("Free of charge"),
        "wheelchair": _("Wheelchair accessible"),
        "open_now": _("Open now"),
    }


def value_label(name, value, taxonomy):
    """The visitor's words for one value of a list filter (every value was validated against
    the same taxonomy)."""
    if name == "categories":
        return taxonomy.category_by_slug[value]["name"]
    if name == "provinces":
        return taxonomy.province_by_slug[value]["label"]
    if name == "districts":
        return taxonomy.district_by_id[value]["label"]
    if name == "languages":
        return taxonomy.language_by_code[value]["label"]
    groups = {group["slug"]: group["label"] for group in taxonomy.groups}
    return groups.get(value, value)


def filter_chips(params, taxonomy):
    """The chips of a search's active filters in the order the filter panel lists them, then
    the visitor's own location when the results are measured from it."""
    kinds = _kinds()
    chips = []
    for name in ("free", "wheelchair", "open_now"):
        if getattr(params, name):
            chips.append(
                FilterChip(
                    kinds[name],
                    _boolean_labels()[name],
                    params_to_query(replace(params, **{name: False}, page=1)),
                )
            )
    for name in ("categories", "provinces", "districts", "languages", "groups"):
        values = getattr(params, name)
        for value in values:
            rest = tuple(other for other in values if other != value)
            chips.append(
                FilterChip(
                    kinds[name],
                    value_label(name, value, taxonomy),
                    params_to_query(replace(params, **{name: rest}, page=1)),
                )
            )
    if params.has_location:
        chips.append(
            FilterChip(
                _("Distance"),
                _("From where you are"),
                params_to_query(replace(params, lat=None, lng=None, page=1)),
            )
        )
    return chips
