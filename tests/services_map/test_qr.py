"""QR codes are drawn on the server as inline SVG that many can share one printed page."""

import re

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from services_map.public.qr import QUIET_ZONE, qr_path, qr_paths, qr_svg

URL = "https://iswg.example/tr/services/asam/legal-counselling-izmir/"


def modules_of(text):
    """The QR code of `text` as qrcode encodes it: rows of booleans, True for a dark module."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def redraw(svg):
    """Paint the SVG path's squares back onto a grid of modules."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    grid = [[False] * size for _ in range(size)]
    path = re.search(r'<path fill="#000" d="([^"]*)"', svg).group(1)
    for x, y, right, bottom in re.findall(r"M(\d+),(\d+)H(\d+)V(\d+)H\1z", path):
        for row in range(int(y), int(bottom)):
            for column in range(int(x), int(right)):
                grid[row][column] = True
    return grid


def test_svg_draws_exactly_the_modules_of_the_qr_code():
    assert redraw(str(qr_svg(URL, "QR code"))) == modules_of(URL)


def test_svg_has_no_ids_so_several_codes_fit_on_one_page():
    assert " id=" not in str(qr_svg(URL, "QR code"))


def test_svg_label_is_escaped():
    svg = str(qr_svg(URL, 'Scan "<me>"'))
    assert 'aria-label="Scan &quot;&lt;me&gt;&quot;"' in svg


def test_longer_text_gives_a_bigger_code():
    assert qr_path(URL * 4)[0] > qr_path(URL)[0]


def test_each_code_is_drawn_once_and_then_read_from_the_cache(monkeypatch):
    other = URL.replace("legal-counselling", "health-centre")
    expected = {URL: qr_path(URL), other: qr_path(other)}
    assert qr_paths([URL, other]) == expected
    drawn = []
    monkeypatch.setattr(qrcode.QRCode, "make", lambda *args, **kwargs: drawn.append(args))
    assert qr_paths([URL, other]) == expected
    assert drawn == []
