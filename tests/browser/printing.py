"""Print a page as a mukhtar's office does and read the paper back: Chromium's print to PDF on
A4, poppler's pdfinfo and pdftoppm, tesseract's OCR and zbar's QR decoder.

Print emulation at A4 width is not enough: Chromium lays a printed page out again, and a phone
number that looks whole on screen can break across lines on paper. These helpers look at the
paper itself. A missing tool fails the test that needs it: a check that silently skips would
let a wrong number reach a wall.
"""

import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

# The programs and the Debian package that brings each (see .ci/run).
TOOLS = {
    "pdfinfo": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "tesseract": "tesseract-ocr",
    "zbarimg": "zbar-tools",
}
# Tesseract's trained data for each portal language the tests read, and its package.
OCR_LANGUAGES = {"ar": "ara", "fa": "fas", "tr": "tur", "en": "eng"}
# Enough for tesseract to read 7 pt text and for zbar to find modules of half a millimetre.
RENDER_DPI = 300
# zbar misses a code now and then at any one resolution, and which code depends on its text
# (the live server's port is in it): a code counts as read when one of these renders reads it.
QR_DPIS = (300, 200, 250)
# Tesseract's threads fight each other on a small shared machine: one each is faster.
ONE_THREAD = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run(tool, *arguments, check=True):
    """Run one of the TOOLS on files the test made; its finished process, output as text."""
    # The program is found on PATH by name and its arguments are the test's own file names.
    return subprocess.run(  # noqa: S603
        [require(tool), *map(str, arguments)],
        capture_output=True,
        text=True,
        check=check,
        env=ONE_THREAD,
    )


def require(tool):
    """The tool's path; the test fails, naming the package to install, when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install the Debian package {TOOLS[tool]}")
    return path


def require_ocr_languages(*codes):
    """Tesseract's code for each portal language, failing when its trained data is missing."""
    output = run("tesseract", "--list-langs").stdout
    installed = set(output.split()[1:]) if output else set()
    wanted = [OCR_LANGUAGES[code] for code in codes]
    missing = [name for name in wanted if name not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{name}" for name in missing)
        pytest.fail(f"tesseract cannot read {', '.join(missing)}: install {packages}")
    return wanted


def print_to_pdf(page, url, path):
    """Open the URL and print it to a PDF file on A4, as the browser's Print dialogue does with
    'Save as PDF': the page's own @page rules, no browser header or footer."""
    page.goto(url)
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    return Path(path)


def pdf_info(pdf):
    """pdfinfo's fields of the PDF, e.g. {"Pages": "3", "Page size": "595.92 x 842.88 pts (A4)"}."""
    output = run("pdfinfo", pdf).stdout
    return {
        name.strip(): value.strip()
        for name, _colon, value in (line.partition(":") for line in output.splitlines())
    }


def page_count(pdf):
    """How many pages the PDF has, as pdfinfo reads it."""
    return int(pdf_info(pdf)["Pages"])


def pdf_text(pdf):
    """The text of each page of the PDF, as pdftotext extracts it (page margins included)."""
    output = run("pdftotext", "-layout", pdf, "-").stdout
    return output.split("\f")[: page_count(pdf)]


def render_pages(pdf, dpi=RENDER_DPI, smooth=True):
    """Each page of the PDF as a greyscale PNG image beside it, first page first. Smoothed
    edges help tesseract read small letters; QR codes are read without them (smooth=False),
    sharp as a printer prints them."""
    prefix = Path(pdf).with_suffix("" if smooth else f".sharp{dpi}")
    edges = [] if smooth else ["-aa", "no", "-aaVector", "no"]
    run("pdftoppm", "-r", dpi, *edges, "-gray", "-png", pdf, prefix)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def qr_codes(pdf, printed):
    """The texts of every QR code printed in the PDF, page by page and top to bottom on each,
    each read from whichever of the sharp renders at QR_DPIS reads it. The next resolution is
    tried only while fewer than `printed` codes (as many as the sheet holds) have been read."""
    pages = {}
    for dpi in QR_DPIS:
        for number, image in enumerate(render_pages(pdf, dpi, smooth=False)):
            # A code printed twice on a page counts twice: the union keeps the larger count.
            pages[number] = pages.get(number, Counter()) | Counter(read_qr_codes(image))
        if sum(page.total() for page in pages.values()) >= printed:
            break
    return [code for number in sorted(pages) for code in pages[number].elements()]


def read_qr_codes(image):
    """The texts of every QR code zbar finds on the image, top to bottom."""
    result = run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image, check=False)
    # zbarimg answers 4 when the image holds no code at all.
    if result.returncode not in (0, 4):
        raise RuntimeError(result.stderr)
    return [line for line in result.stdout.splitlines() if line]


@dataclass(frozen=True)
class Word:
    """A word tesseract read, with where it stands on the image."""

    text: str
    left: int
    top: int
    width: int
    height: int


def read_lines(image, languages):
    """The printed lines of the image as tesseract reads them, each a list of its words in the
    order they stand on paper from left to right (whatever the script's reading order)."""
    output = run("tesseract", image, "stdout", "-l", "+".join(languages), "tsv").stdout
    lines = {}
    for row in output.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or not fields[11].strip():
            continue
        key = tuple(int(value) for value in fields[1:5])  # page, block, paragraph, line
        left, top, width, height = (int(value) for value in fields[6:10])
        lines.setdefault(key, []).append(Word(fields[11], left, top, width, height))
    return [sorted(words, key=lambda word: word.left) for words in lines.values()]


DIGITS = re.compile(r"\d+")


def digit_runs(lines):
    """For each printed line, its digits read left to right, a run for each group of words
    that hold digits with nothing else between them ('+90 232 449 44 30' gives '902324494430';
    a word without digits, such as '·' or a day's name, ends a run)."""
    runs = []
    for words in lines:
        current = ""
        for word in words:
            digits = "".join(DIGITS.findall(word.text))
            if digits:
                current += digits
            elif current:
                runs.append(current)
                current = ""
        if current:
            runs.append(current)
    return runs


def numbers_read_whole(numbers, images, languages, page_texts=None):
    """Of the numbers (phones, hours as printed), those read back whole, on one line, with
    their digits left to right: {number: True or False}. The pages are read with English alone,
    then, for the numbers not found, with the sheet's languages: where a number stands on the
    page is the layout's doing, how well its digits are recognised the trained data's (Arabic
    data reads a bold "112" as letters; English data alone is faster and reads
    nearly every number), and a number broken across lines stays broken in both.

    With the text of each page (pdf_text), the second reading reads only the pages whose text
    holds every group of digits of a number still missing: OCR with a script's trained data
    takes seconds a page."""
    found = dict.fromkeys(numbers, False)
    for attempt in (("eng",), tuple(languages)):
        missing = [number for number, whole in found.items() if not whole]
        if not missing:
            break
        pages = images
        if page_texts is not None and attempt != ("eng",):
            pages = pages_holding(missing, images, page_texts)
        runs = [run for image in pages for run in digit_runs(read_lines(image, attempt))]
        for number in missing:
            digits = "".join(DIGITS.findall(number))
            found[number] = any(digits in run for run in runs)
    return found


def pages_holding(numbers, images, page_texts):
    """The images of the pages whose text holds every group of digits of one of the numbers,
    in whatever order the text layer keeps them; all the images if no page does."""
    wanted = [set(DIGITS.findall(number)) for number in numbers]
    holding = []
    for image, text in zip(images, page_texts, strict=True):
        on_the_page = set(DIGITS.findall(text))
        if any(groups <= on_the_page for groups in wanted):
            holding.append(image)
    return holding or images


def blank_bottom(image, margin_mm):
    """The share of the page's height left blank below the last printed line, not counting the
    bottom page margin of `margin_mm` (where the page number stands)."""
    from PIL import Image

    with Image.open(image) as page:
        grey = page.convert("L")
        width, height = grey.size
        margin = round(margin_mm / 25.4 * RENDER_DPI)
        content = grey.crop((0, 0, width, height - margin))
        # The box around the darker pixels of the page without its margin.
        box = content.point(lambda value: 255 if value < 128 else 0).getbbox()
    if box is None:
        return 1.0
    return (height - margin - box[3]) / height
