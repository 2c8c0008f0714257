"""QR codes drawn on the server as inline SVG: a printed sheet needs no network or images."""

import hashlib
import zlib

import qrcode
from django.core.cache import cache
from django.utils.html import format_html
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 2
# The code of an address never changes and drawing one takes about 5 ms: a sheet of 120
# services would spend over half a second on them. Each is kept compressed, about a kilobyte.
QR_CACHE_SECONDS = 60 * 60 * 24 * 30


def qr_path(text):
    """The QR code of `text`, one unit per module with a small quiet zone: (width in modules,
    an SVG path of one rectangle per run of dark modules in a row). A run is drawn as one
    rectangle rather than square by square: the path, and the printed page, are half as long.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    parts = []
    for y, row in enumerate(matrix):
        x, width = 0, len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            parts.append(f"M{start},{y}H{x}V{y + 1}H{start}z")
    return len(matrix), "".join(parts)


def _cache_key(text):
    return f"qr:v3:{hashlib.sha256(text.encode()).hexdigest()}"


def qr_paths(texts):
    """The QR code of each text, as qr_path draws it, drawn once and then read from the cache
    (one cache round trip for all of them), where each is kept compressed."""
    keys = {text: _cache_key(text) for text in texts}
    found = cache.get_many(list(keys.values()))
    paths, drawn = {}, {}
    for text, key in keys.items():
        if key in found:
            dimension, packed = found[key]
            paths[text] = (dimension, zlib.decompress(packed).decode())
        else:
            paths[text] = dimension, path = qr_path(text)
            drawn[key] = (dimension, zlib.compress(path.encode(), 9))
    if drawn:
        cache.set_many(drawn, QR_CACHE_SECONDS)
    return paths


def qr_svg(text, label, size="28mm", path=None):
    """Inline SVG markup of a QR code for `text`; `label` is read out by screen readers.
    `path` is its code when already drawn (see qr_paths).

    The SVG carries no id attributes, so many codes can sit on one page."""
    dimension, data = path or qr_path(text)
    return format_html(
        '<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {dim} {dim}" '
        'width="{size}" height="{size}" role="img" aria-label="{label}" '
        'shape-rendering="crispEdges"><rect width="{dim}" height="{dim}" fill="#fff"/>'
        '<path fill="#000" d="{path}"/></svg>',
        dim=dimension,
        size=size,
        label=label,
        path=data,
    )
