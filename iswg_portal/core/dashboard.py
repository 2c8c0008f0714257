"""The admin home as each role's desk.

Each app adds, from its wagtail_hooks, the panels and counts of the work it holds, for the
people whose role is that work: `construct_homepage_panels` for a panel per agency or group
(services_map: an agency's listings; meetings: a group's meetings), and
`construct_homepage_summary_items` for the numbers at the top. What they share is here, and
the co-chairs' overview of the whole response: tables of counts (`DeskTable`), each number a
link to the list behind it, each table downloadable as CSV (`csv_download`)."""

import csv
from dataclasses import dataclass

from django.http import HttpResponse
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.views.generic import TemplateView, View
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

# Wagtail's own panels come at 210 (workflows) to 300 (locked pages): a desk comes first.
DESK_ORDER = 50


class DeskPanel(Component):
    """A panel of the admin home for one organisation a person works for."""

    order = DESK_ORDER

    class Media:
        css = {"all": ["css/admin-desk.css"]}

    def __init__(self, request, desk):
        self.request = request
        self.desk = desk

    @property
    def name(self):
        """The panel's anchor, which the counts at the top link to."""
        return self.desk.panel_id

    def get_context_data(self, parent_context):
        return {"desk": self.desk, "request": self.request}


class DeskCount(SummaryItem):
    """One number at the top of the admin home, with what it counts, linking to the list of
    those things. `text` is the message for that number (from ngettext), with `%(count)s`."""

    template_name = "wagtailadmin/home/desk_count.html"

    def __init__(self, request, *, text, count, url, icon, order=DESK_ORDER):
        super().__init__(request)
        self.text = text % {"count": count}
        self.url = url
        self.icon = icon
        self.order = order

    def get_context_data(self, parent_context):
        return {"text": self.text, "url": self.url, "icon": self.icon}


def desks_once(request, kind, build):
    """The desks of one kind for the person signed in, built once per request: the panels
    and the counts at the top read the same ones."""
    desks = getattr(request, "_portal_desks", None)
    if desks is None:
        desks = request._portal_desks = {}
    if kind not in desks:
        desks[kind] = build(request.user)
    return desks[kind]


def show_desk_counts(summary_items, counts):
    """Show a desk's counts at the top of the admin home instead of Wagtail's, which count
    the pages of every language tree, and every image and document: nothing of an agency's or
    a group's own work. Another desk's counts stay (an editor who also leads a group)."""
    summary_items[:] = [item for item in summary_items if isinstance(item, DeskCount)]
    summary_items.extend(counts)


# --- The co-chairs' overview: tables of counts, each number a link, each table a CSV ------------


@dataclass
class DeskCell:
    """One value of a desk table: a count (or a name), the list behind it, and whether an
    empty count there is a gap in the response (marked for eyes and screen readers)."""

    value: object
    url: str = ""
    gap: bool = False

    @property
    def is_number(self):
        """Numbers line up at the end of their column, names at its start."""
        return isinstance(self.value, int)


@dataclass
class DeskRow:
    """A row of a desk table: what it is about (its heading cell) and its values."""

    heading: DeskCell
    cells: list


@dataclass
class DeskTable:
    """A table of the co-chairs' overview: drawn on the admin home and downloaded as CSV from
    `csv_url`, both from the same rows, so the file says what the page says."""

    table_id: str
    caption: str
    columns: list  # headings: the rows' own heading first, then one per value
    rows: list
    csv_url: str = ""
    note: str = ""  # what the numbers count, under the caption
    empty: str = ""  # said instead of a table without rows

    def csv_rows(self):
        """The header and the rows as plain values, as a spreadsheet reads them."""
        yield [str(column) for column in self.columns]
        for row in self.rows:
            yield [row.heading.value, *(cell.value for cell in row.cells)]


class OverviewPanel(Component):
    """A panel of the co-chairs' admin home holding one or more desk tables and counts."""

    order = DESK_ORDER
    template_name = "wagtailadmin/home/overview_panel.html"

    class Media:
        css = {"all": ["css/admin-desk.css"]}

    def __init__(self, *, name, heading, tables=(), links=(), order=DESK_ORDER):
        self.name = name
        self.heading = heading
        self.tables = list(tables)
        self.links = list(links)  # (text, url) shown above the tables
        self.order = order

    def get_context_data(self, parent_context):
        return {"panel": self}


# Spreadsheet programs run cells that start with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell's text, made inert if a spreadsheet would take it for a formula; numbers stay
    numbers."""
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def csv_delimiter():
    """The separator a spreadsheet expects in the reader's language: Excel set up for a
    language that writes decimals with a comma (Turkish, Arabic) splits columns at
    semicolons, one set up for English at commas."""
    return ";" if get_format("DECIMAL_SEPARATOR") == "," else ","


def csv_download(filename, rows):
    """A CSV file of these rows to download: UTF-8 with a byte order mark, so that Excel
    reads Turkish and Arabic letters right, separated as the reader's Excel expects."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=csv_delimiter())
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


class OverviewPageView(WagtailAdminTemplateMixin, TemplateView):
    """A page of the co-chairs' overview in the admin, behind a number of their home (the
    apps add who may open it)."""

    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": "", "label": self.get_page_title()},
        ]


class TableCsvView(View):
    """A desk table as a CSV file: `table(**kwargs)` gives it, `filename` names it."""

    filename = ""

    def table(self, **kwargs):
        raise NotImplementedError

    def get(self, request, **kwargs):
        table = self.table(**kwargs)
        return csv_download(self.filename, table.csv_rows())
