"""QR codes drawn on the server as inline SVG: a printed sheet needs no network or images."""

import qrcode
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 2


def qr_matrix(text):
    """The QR code of `text` as rows of booleans (True = dark module), with a small quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


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


def qr_svg(text, label, size="28mm"):
    """Inline SVG markup of a QR code for `text`; `label` is read out by screen readers.

    The SVG carries no id attributes, so many codes can sit on one page."""
    matrix = qr_matrix(text)
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
