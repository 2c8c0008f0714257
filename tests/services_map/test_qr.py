"""QR codes are drawn on the server as inline SVG that many can share one printed page."""

import re

import qrcode

from services_map.public.qr import qr_matrices, qr_matrix, qr_svg

URL = "https://iswg.example/tr/services/asam/legal-counselling-izmir/"


def redraw(svg):
    """Paint the SVG path's rectangles back onto a grid of modules."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    grid = [[False] * size for _ in range(size)]
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", svg):
        for column in range(int(x), int(x) + int(width)):
            grid[int(y)][column] = True
    return grid


def test_svg_draws_exactly_the_modules_of_the_qr_code():
    assert redraw(str(qr_svg(URL, "QR code"))) == qr_matrix(URL)


def test_svg_has_no_ids_so_several_codes_fit_on_one_page():
    assert " id=" not in str(qr_svg(URL, "QR code"))


def test_svg_label_is_escaped():
    svg = str(qr_svg(URL, 'Scan "<me>"'))
    assert 'aria-label="Scan &quot;&lt;me&gt;&quot;"' in svg


def test_longer_text_gives_a_bigger_code():
    assert len(qr_matrix(URL * 4)) > len(qr_matrix(URL))


def test_each_code_is_drawn_once_and_then_read_from_the_cache(monkeypatch):
    other = URL.replace("legal-counselling", "health-centre")
    expected = {URL: qr_matrix(URL), other: qr_matrix(other)}
    assert qr_matrices([URL, other]) == expected
    drawn = []
    monkeypatch.setattr(qrcode.QRCode, "make", lambda *args, **kwargs: drawn.append(args))
    assert qr_matrices([URL, other]) == expected
    assert drawn == []
