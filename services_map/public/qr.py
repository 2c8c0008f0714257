"""QR codes drawn on the server as inline SVG: a printed sheet needs no network or images."""

import hashlib

import qrcode
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 2
# The code of an address never changes and drawing one takes about 10 ms: a sheet of 120
# services would spend over a second on them. Each is kept packed in about 140 bytes.
QR_CACHE_SECONDS = 60 * 60 * 24 * 30


def qr_matrix(text):
    """The QR code of `text` as rows of booleans (True = dark module), with a small quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def _cache_key(text):
    return f"qr:v1:{hashlib.sha256(text.encode()).hexdigest()}"


def _pack(matrix):
    bits = "".join("1" if dark else "0" for row in matrix for dark in row)
    return len(matrix), int(bits, 2).to_bytes((len(bits) + 7) // 8, "big")


def _unpack(packed):
    size, data = packed
    bits = bin(int.from_bytes(data, "big"))[2:].zfill(size * size)
    return [[bit == "1" for bit in bits[row * size : (row + 1) * size]] for row in range(size)]


def qr_matrices(texts):
    """The QR code of each text, as qr_matrix draws it, drawn once and then read from the cache
    (one cache round trip for all of them)."""
    keys = {text: _cache_key(text) for text in texts}
    found = cache.get_many(list(keys.values()))
    matrices, drawn = {}, {}
    for text, key in keys.items():
        if key in found:
            matrices[text] = _unpack(found[key])
        else:
            matrices[text] = qr_matrix(text)
            drawn[key] = _pack(matrices[text])
    if drawn:
        cache.set_many(drawn, QR_CACHE_SECONDS)
    return matrices


def _path_data(matrix):
    """One SVG path for all dark modules; a run of dark modules in a row is one rectangle."""
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        width = len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return "".join(parts)


def qr_svg(text, label, size="28mm", matrix=None):
    """Inline SVG markup of a QR code for `text`; `label` is read out by screen readers.
    `matrix` is its code when already drawn (see qr_matrices).

    The SVG carries no id attributes, so many codes can sit on one page."""
    matrix = matrix or qr_matrix(text)
    dimension = len(matrix)
    return format_html(
        '<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {dim} {dim}" '
        'width="{size}" height="{size}" role="img" aria-label="{label}" '
        'shape-rendering="crispEdges"><rect width="{dim}" height="{dim}" fill="#fff"/>'
        '<path fill="#000" d="{path}"/></svg>',
        dim=dimension,
        size=size,
        label=label,
        path=mark_safe(_path_data(matrix)),  # noqa: S308 - digits and path letters only
    )
