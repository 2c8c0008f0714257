"""Admin hooks shared by every page type: malformed requests that Wagtail would answer with a
server error are refused as bad requests, a stale edit is offered a comparison, and the
workflow history names the workflow and its task in the reader's language, and the comparison
of two versions shows only what somebody changed."""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.compare import register_comparison_class
from wagtail.blocks.base import BlockWidget
from wagtail.fields import RichTextField
from wagtail.models import Page

from .compare import RichTextComparison
from .converters import is_bounded_id
from .page_forms import find_stale_edit
from .stored_names import show_names_in_workflow_history

# Registered after Wagtail's own comparison of rich text, which it replaces.
register_comparison_class(RichTextField, comparison_class=RichTextComparison)


@hooks.register("before_copy_page")
def refuse_copy_without_a_parent(request, page):
    """Wagtail's copy view reads `new_parent_page` before its form checks it: a POST without
    a page id there, or with one that names no page, is a bad request rather than a crash."""
    if request.method != "POST":
        return None
    parent_id = request.POST.get("new_parent_page", "")
    if not is_bounded_id(parent_id) or not Page.objects.filter(pk=parent_id).exists():
        raise BadRequest("The copy form did not say where to copy the page.")
    return None


def _refuse_incomplete_stream_fields(request, page_class):
    """A StreamField's form data carries a count of blocks (`agenda-count`); a POST that lacks
    it or any block's keys was not sent by the editor's form."""
    if request.method != "POST":
        return
    form_class = page_class.get_edit_handler().get_form_class()
    for name, field in form_class.base_fields.items():
        if not isinstance(field.widget, BlockWidget):
            continue
        try:
            field.widget.value_from_datadict(request.POST, request.FILES, name)
        except (KeyError, ValueError) as error:
            raise BadRequest(f"The form's {name} data is incomplete.") from error


@hooks.register("before_edit_page")
def refuse_incomplete_edit_form(request, page):
    _refuse_incomplete_stream_fields(request, page.specific_class)


@hooks.register("before_create_page")
def refuse_incomplete_create_form(request, parent_page, page_class):
    _refuse_incomplete_stream_fields(request, page_class)


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


# Order 1: after Wagtail's own hook has registered the formatters this one wraps.
hooks.register("register_log_actions", show_names_in_workflow_history, order=1)
