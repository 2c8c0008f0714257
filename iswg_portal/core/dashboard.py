"""The admin home as each role's desk.

Each app adds, from its wagtail_hooks, the panels and counts of the work it holds, for the
people whose role is that work: `construct_homepage_panels` for a panel per agency or group
(services_map: an agency's listings; meetings: a group's meetings), and
`construct_homepage_summary_items` for the numbers at the top. What they share is here."""

from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component

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
