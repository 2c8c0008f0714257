"""How the directory's map marks each sector: a colour from Okabe and Ito's palette, which
people with any common colour blindness tell apart, and a symbol inside the pin, so that the
sector is never told by colour alone. No ordinary service is marked in red.

The legend under the map draws these pins (templates/services_map/includes/map_legend.html)
and the map's script copies them from it (static/js/directory-map.js)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The shapes drawn in white or black inside a pin, on a 24 × 24 grid centred on (12, 12).
SYMBOLS = {
    "circle": '<circle cx="12" cy="12" r="4.5"/>',
    "plus": '<path d="M10 6.5h4v3.5h3.5v4H14v3.5h-4V14H6.5v-4H10z"/>',
    "square": '<rect x="7.5" y="7.5" width="9" height="9"/>',
    "triangle": '<path d="M12 6l6 10.5H6z"/>',
    "diamond": '<path d="M12 5.5l6.5 6.5-6.5 6.5L5.5 12z"/>',
    "bar": '<rect x="6" y="10" width="12" height="4"/>',
    "star": '<path d="M12 5.5l1.9 4.3 4.6.4-3.5 3 1.1 4.6-4.1-2.5-4.1 2.5 1.1-4.6-3.5-3 4.6-.4z"/>',
    "dot": '<circle cx="12" cy="12" r="2.5"/>',
}


@dataclass(frozen=True)
class PinStyle:
    """A pin's fill colour, the colour of its symbol (chosen for contrast) and the symbol."""

    fill: str
    ink: str
    symbol: str

    @property
    def symbol_svg(self):
        return SYMBOLS[self.symbol]


DARK, LIGHT = "#1b1b1b", "#ffffff"
# The usual sectors of the response keep their pin whatever the taxonomy's order; a sector
# added later takes the next style not yet used.
SECTOR_STYLES = {
    "protection": PinStyle("#0072B2", LIGHT, "circle"),
    "health": PinStyle("#009E73", LIGHT, "plus"),
    "basic-needs": PinStyle("#E69F00", DARK, "square"),
    "education": PinStyle("#CC79A7", DARK, "triangle"),
    "livelihoods": PinStyle("#56B4E9", DARK, "diamond"),
}
MORE_STYLES = (
    PinStyle("#F0E442", DARK, "star"),
    PinStyle("#000000", LIGHT, "bar"),
)
OTHER_STYLE = PinStyle("#767676", LIGHT, "dot")
OTHER = "other"


@dataclass(frozen=True)
class SectorPin:
    """One line of the map's legend: a sector's slug, its name in the visitor's language and
    its pin."""

    slug: str
    name: str
    style: PinStyle


def sector_pins(sectors):
    """The legend: each sector of the taxonomy (dicts with `slug` and `name`, in the visitor's
    alphabetical order) with its pin, then services of no sector or of a sector past the
    palette."""
    spare = list(MORE_STYLES)
    pins = []
    for sector in sectors:
        style = SECTOR_STYLES.get(sector["slug"]) or (spare.pop(0) if spare else None)
        if style is not None:
            pins.append(SectorPin(sector["slug"], sector["name"], style))
    pins.append(SectorPin(OTHER, str(_("Other services")), OTHER_STYLE))
    return pins


def pin_sector(category_ids, sector_of, order):
    """The sector a service's pin shows: the one most of its categories belong to, among
    equals the first in the legend; OTHER for none. `sector_of` maps a category id (a sector's
    or a type's) to its sector's slug; `order` lists the slugs of the legend."""
    counts = {}
    for category_id in category_ids:
        if slug := sector_of.get(category_id):
            counts[slug] = counts.get(slug, 0) + 1
    shown = [slug for slug in order if slug in counts]
    if not shown:
        return OTHER
    return max(shown, key=lambda slug: (counts[slug], -shown.index(slug)))
