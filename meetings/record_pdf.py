"""A meeting's agenda, and its minutes once held, as an A4 PDF in the reader's language."""

from django.template.loader import render_to_string

from iswg_portal.core.pdf import html_to_pdf
from iswg_portal.core.templatetags.portal_tags import fallback_language
from iswg_portal.core.time import local_today
from meetings.calendar import absolute_url
from meetings.queries import meeting_page_context


def meeting_record_pdf(meeting, request):
    """The PDF of what the meeting page shows this reader: agenda, minutes, the action points
    raised, attendance and follow-up, in the language of the request's address."""
    context = meeting_page_context(meeting, request.user)
    context.update(
        {
            "page": meeting,
            "SHOWN_IN": fallback_language(context, meeting),
            "printed_on": local_today(),
            "page_address": absolute_url(meeting),
        }
    )
    return html_to_pdf(render_to_string("print/meeting_record.html", context, request=request))
