"""The way to a place of a service: a link that opens the visitor's own map app where the phone
has one (a `geo:` address on Android, Apple Maps on an iPhone) and the web map elsewhere.

The page carries all three; the web map is the link's address, so it works without
JavaScript, and static/js/directions.js puts the phone's own in its place."""

from dataclasses import dataclass
from urllib.parse import quote

OSM = "https://www.openstreetmap.org"
APPLE_MAPS = "https://maps.apple.com/"
# A geo: label ends at its closing parenthesis: one inside it would cut it short.
LABEL_UNSAFE = str.maketrans({"(": " ", ")": " "})


@dataclass(frozen=True)
class Directions:
    """Links to directions to one place: `web` for any browser, `geo` for Android's map apps
    (and other phones that open geo: addresses), `apple` for Apple Maps."""

    web: str
    geo: str
    apple: str


def directions_to(latitude=None, longitude=None, address="", label=""):
    """Directions to a point, or to an address where the point is not known; None when
    neither is given. `label` names the place in the map app (Android shows it on the pin)."""
    if latitude is not None and longitude is not None:
        point = f"{latitude:.5f},{longitude:.5f}"
        name = " ".join(label.translate(LABEL_UNSAFE).split())
        named = f"{point}({quote(name, safe='')})" if name else point
        return Directions(
            web=f"{OSM}/directions?to={point}",
            geo=f"geo:{point}?q={named}",
            apple=f"{APPLE_MAPS}?daddr={point}",
        )
    if address:
        where = quote(address, safe="")
        return Directions(
            web=f"{OSM}/directions?to={where}",
            geo=f"geo:0,0?q={where}",
            apple=f"{APPLE_MAPS}?daddr={where}",
        )
    return None
