"""Admin hooks shared by every page type."""

from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin import messages

from .page_forms import find_stale_edit


@hooks.register("before_edit_page")
def offer_comparison_of_a_stale_edit(request, page):
    """A Save or Publish from an out-of-date form is refused by the page form (page_forms.py);
    beside that refusal, link to the comparison of the two versions, in a new tab so that
    the person's unsaved changes stay in the form."""
    if request.method != "POST" or not request.accepts("text/html"):
        return
    stale = find_stale_edit(page.pk, request.POST)
    if stale is not None:
        messages.warning(
            request,
            gettext("See what changed since you opened this page."),
            buttons=[messages.button(stale.compare_url, gettext("Compare versions"), True)],
        )
