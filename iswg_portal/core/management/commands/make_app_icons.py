"""Draw the installed app's PNG icons, the Apple touch icon and favicon.ico from the favicon,
so every phone, browser tab and bookmark shows the same mark.

The favicon (static/img/favicon.svg) is the source. It is drawn with the few shapes this
command understands (rect with rounded corners, circle, polygon, each with a flat fill), so
Pillow can render it without an SVG library: keep to those when the mark changes.
"""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw

SVG = "{http://www.w3.org/2000/svg}"
# Drawn larger, then reduced, for smooth edges.
OVERSAMPLE = 8
# The sizes browsers pick from in favicon.ico (tab, taskbar, desktop shortcut).
ICO_SIZES = (16, 32, 48)


def read_favicon(path):
    """The favicon's shapes in paint order, their coordinates as fractions of the view box."""
    root = ElementTree.parse(path).getroot()  # noqa: S314 - the project's own file
    _x, _y, width, height = (float(value) for value in root.get("viewBox").split())
    if width != height:
        raise CommandError("The favicon's view box must be square.")
    shapes = []
    for element in root:
        kind = element.tag.removeprefix(SVG)
        if kind in ("title", "desc") or not isinstance(element.tag, str):
            continue
        fill = element.get("fill")
        if kind == "rect":
            shapes.append(
                {
                    "kind": "rect",
                    "fill": fill,
                    "box": [
                        float(element.get("x", 0)) / width,
                        float(element.get("y", 0)) / width,
                        (float(element.get("x", 0)) + float(element.get("width"))) / width,
                        (float(element.get("y", 0)) + float(element.get("height"))) / width,
                    ],
                    "radius": float(element.get("rx", 0)) / width,
                }
            )
        elif kind == "circle":
            cx, cy, r = (float(element.get(name)) / width for name in ("cx", "cy", "r"))
            shapes.append({"kind": "circle", "fill": fill, "box": [cx - r, cy - r, cx + r, cy + r]})
        elif kind == "polygon":
            numbers = [float(n) / width for n in element.get("points").replace(",", " ").split()]
            shapes.append({"kind": "polygon", "fill": fill, "points": numbers})
        else:
            raise CommandError(f"The favicon uses <{kind}>, which this command cannot draw.")
    if not shapes or shapes[0]["kind"] != "rect":
        raise CommandError("The favicon must start with its background <rect>.")
    return shapes


def draw_icon(shapes, size, full_bleed=False):
    """The mark at `size` pixels: with the favicon's rounded corners on a transparent ground,
    or, when `full_bleed`, on a full square that the phone crops to its own shape (maskable
    icons, Apple's touch icon, which iOS rounds itself and would fill black where transparent).
    The mark stays inside the central safe circle either way."""
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for index, shape in enumerate(shapes):
        if shape["kind"] == "rect":
            box = [round(value * big) for value in shape["box"]]
            box[2] -= 1
            box[3] -= 1
            if index == 0 and full_bleed:
                draw.rectangle((0, 0, big, big), fill=shape["fill"])
            else:
                draw.rounded_rectangle(box, radius=shape["radius"] * big, fill=shape["fill"])
        elif shape["kind"] == "circle":
            draw.ellipse([value * big for value in shape["box"]], fill=shape["fill"])
        else:
            points = [value * big for value in shape["points"]]
            draw.polygon(list(zip(points[::2], points[1::2], strict=True)), fill=shape["fill"])
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    if full_bleed:
        image = image.convert("RGB")
    # A few colours and their blends: a small palette keeps the files a few kilobytes.
    image = image.quantize(colors=32, method=Image.Quantize.FASTOCTREE)
    if image.palette.mode == "RGBA":
        # The quantizer averages full opacity down to 254; what was opaque stays opaque.
        palette = image.getpalette(rawmode="RGBA")
        for alpha_index in range(3, len(palette), 4):
            if palette[alpha_index] >= 250:
                palette[alpha_index] = 255
        image.putpalette(palette, rawmode="RGBA")
    return image


# File (under static/img/) -> (size in pixels, full bleed). The manifest names the first three
# (iswg_portal/core/views.py); /apple-touch-icon.png and /favicon.ico serve the last two.
PNG_ICONS = {
    "icons/icon-192.png": (192, False),
    "icons/icon-512.png": (512, False),
    "icons/maskable-512.png": (512, True),
    "icons/apple-touch-icon.png": (180, True),
}
ICO = "favicon.ico"


class Command(BaseCommand):
    help = (
        "Draw static/img/icons/*.png (192 and 512 px, a maskable 512 px, Apple's 180 px touch "
        "icon) and static/img/favicon.ico (16, 32, 48 px) from static/img/favicon.svg."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would be written")

    def handle(self, *args, dry_run=False, **options):
        images = Path(settings.BASE_DIR) / "static" / "img"
        shapes = read_favicon(images / "favicon.svg")
        for name in [*PNG_ICONS, ICO]:
            path = images / name
            if dry_run:
                self.stdout.write(f"Would write {path.relative_to(settings.BASE_DIR)}.")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if name == ICO:
                # Each size drawn on its own grid, sharper than one image scaled down.
                largest, *smaller = (
                    draw_icon(shapes, size).convert("RGBA") for size in reversed(ICO_SIZES)
                )
                largest.save(
                    path,
                    format="ICO",
                    sizes=[(size, size) for size in ICO_SIZES],
                    append_images=smaller,
                )
            else:
                size, full_bleed = PNG_ICONS[name]
                draw_icon(shapes, size, full_bleed).save(path, format="PNG", optimize=True)
            self.stdout.write(f"Wrote {path.relative_to(settings.BASE_DIR)}.")
