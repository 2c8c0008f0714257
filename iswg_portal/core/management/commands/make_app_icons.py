"""Draw the installed app's PNG icons from the favicon, so phones get the same mark."""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

SVG = "{http://www.w3.org/2000/svg}"
# The favicon asks for a bold sans-serif; this is the one Debian's browsers use for it.
BOLD_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
# Drawn larger, then reduced, for smooth edges.
OVERSAMPLE = 4


def read_favicon(path):
    """The favicon's view box size, background colour and corner radius, and its text."""
    root = ElementTree.parse(path).getroot()  # noqa: S314 - the project's own file
    view_box = float(root.get("viewBox").split()[2])
    rect = root.find(f"{SVG}rect")
    text = root.find(f"{SVG}text")
    return {
        "view_box": view_box,
        "background": rect.get("fill"),
        "radius": float(rect.get("rx", 0)) / view_box,
        "text": text.text,
        "text_colour": text.get("fill"),
        "font_size": float(text.get("font-size")) / view_box,
        "baseline": float(text.get("y")) / view_box,
    }


def draw_icon(mark, size, maskable=False):
    """The mark at `size` pixels: rounded like the favicon, or, when maskable, a full square
    that the phone crops to its own shape (the text stays inside the central safe circle)."""
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=mark["background"])
    else:
        draw.rounded_rectangle(
            (0, 0, big - 1, big - 1), radius=mark["radius"] * big, fill=mark["background"]
        )
    font_size = round(mark["font_size"] * big)
    if BOLD_SANS.exists():
        font = ImageFont.truetype(str(BOLD_SANS), font_size)
    else:
        font = ImageFont.load_default(font_size)
    draw.text(
        (big / 2, mark["baseline"] * big),
        mark["text"],
        font=font,
        fill=mark["text_colour"],
        anchor="ms",  # middle, baseline: as text-anchor="middle" at y in the SVG
    )
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    if maskable:
        image = image.convert("RGB")
    # Two colours and their blends: a small palette keeps the files a few kilobytes.
    image = image.quantize(colors=32, method=Image.Quantize.FASTOCTREE)
    if image.palette.mode == "RGBA":
        # The quantizer averages full opacity down to 254; what was opaque stays opaque.
        palette = image.getpalette(rawmode="RGBA")
        for alpha_index in range(3, len(palette), 4):
            if palette[alpha_index] >= 250:
                palette[alpha_index] = 255
        image.putpalette(palette, rawmode="RGBA")
    return image


class Command(BaseCommand):
    help = "Draw static/img/icons/*.png (192 and 512 px, and a maskable 512 px) from the favicon."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would be written")

    def handle(self, *args, dry_run=False, **options):
        static = Path(settings.BASE_DIR) / "static"
        mark = read_favicon(static / "img" / "favicon.svg")
        target = static / "img" / "icons"
        icons = {
            "icon-192.png": (192, False),
            "icon-512.png": (512, False),
            "maskable-512.png": (512, True),
        }
        for name, (size, maskable) in icons.items():
            path = target / name
            if dry_run:
                self.stdout.write(f"Would write {path.relative_to(settings.BASE_DIR)}.")
                continue
            target.mkdir(parents=True, exist_ok=True)
            draw_icon(mark, size, maskable).save(path, format="PNG", optimize=True)
            self.stdout.write(f"Wrote {path.relative_to(settings.BASE_DIR)}.")
