"""Pages the server prints to PDF (WeasyPrint): A4 by the portal's print stylesheet, laid out
with Pango and HarfBuzz so Arabic, Persian and Pashto are shaped and run right to left, and
nothing fetched from anywhere (see docs/decisions/0023-minutes-as-pdf-with-weasyprint.md)."""

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

# The portal's own stylesheets, in the order a page links them; portal.css holds the A4 page in
# its print rules.
PRINT_STYLESHEETS = ("css/portal.css", "css/pdf.css")


class NothingFetched(URLFetcher):
    """Refuses every URL: a printed page holds only its own text and the stylesheets given, so
    no text a person wrote can make the server open a file or reach another host."""

    def fetch(self, url, headers=None):
        raise ValueError(f"The PDF printer fetches nothing: {url}")


def stylesheet(name):
    """One of the portal's static stylesheets, read from disk with nothing it points to."""
    path = finders.find(name)
    if path is None:
        raise FileNotFoundError(name)
    with open(path, encoding="utf-8") as css:
        return CSS(string=css.read(), url_fetcher=NothingFetched())


def html_to_pdf(html, stylesheets=PRINT_STYLESHEETS):
    """The PDF of an HTML document (a rendered template) printed with these stylesheets."""
    document = HTML(string=html, url_fetcher=NothingFetched(), media_type="print")
    return document.write_pdf(stylesheets=[stylesheet(name) for name in stylesheets])
