"""Where the ten provinces lie, so a service's coordinates can be checked against its province.

Bounding boxes are generous rectangles (WGS84, a few kilometres of margin) around each province:
they catch swapped latitude/longitude, a missing minus sign or a pin dropped in another province,
which is what editors get wrong, without needing province outlines.
"""

import math

# slug: (south, west, north, east)
PROVINCE_BOUNDS = {
    "izmir": (37.75, 26.15, 39.45, 28.55),
    "aydin": (37.25, 26.95, 38.20, 28.95),
    "mugla": (36.30, 27.10, 37.60, 29.50),
    "manisa": (38.15, 27.00, 39.45, 29.05),
    "denizli": (37.20, 28.40, 38.50, 30.10),
    "usak": (38.15, 28.65, 39.10, 30.05),
    "kutahya": (38.65, 28.60, 39.90, 30.55),
    "isparta": (37.30, 30.00, 38.50, 31.45),
    "burdur": (36.90, 29.30, 37.95, 30.85),
    "antalya": (35.95, 29.20, 37.60, 32.70),
}

REGION_BOUNDS = (
    min(b[0] for b in PROVINCE_BOUNDS.values()),
    min(b[1] for b in PROVINCE_BOUNDS.values()),
    max(b[2] for b in PROVINCE_BOUNDS.values()),
    max(b[3] for b in PROVINCE_BOUNDS.values()),
)


def within_bounds(bounds, latitude, longitude):
    """True when the point lies inside the (south, west, north, east) rectangle."""
    south, west, north, east = bounds
    return south <= latitude <= north and west <= longitude <= east


def point_in_province(province_slug, latitude, longitude):
    """True when the point lies inside the province's box (or the region's, for a province the
    portal has no box for)."""
    bounds = PROVINCE_BOUNDS.get(province_slug, REGION_BOUNDS)
    return within_bounds(bounds, latitude, longitude)


def distance_km(lat1, lng1, lat2, lng2):
    """Great-circle distance in kilometres between two points (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))
