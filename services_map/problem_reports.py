"""Working through a problem report: who hears of it, in which language, what its history
records, and telling the reporter once that the listing is fixed.

A report goes to the agency's editors and to the co-chairs, each in their own language, and to
the agency's public address only when the agency has no editor on the portal. Every link in
these e-mails is on the portal's public address (SITE_URL). The reporter's phone or e-mail is
kept only while the report is open: closing it deletes it, after the reporter, if they left an
e-mail address, has been told that the listing is fixed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from iswg_portal.accounts.emails import absolute_url
from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from iswg_portal.core.mail import send_templated_email
from iswg_portal.core.translation import best_translation

from .models import ProblemReport, ProblemReportLogEntry, ServicePage
from .taxonomy import language_name_for

RECEIVED = "iswg.problem_report.receive"
STATUS_CHANGED = "iswg.problem_report.status"
NOTE_ADDED = "iswg.problem_report.note"
REPORTER_TOLD = "iswg.problem_report.reporter_told"
CONTACT_DELETED = "iswg.problem_report.contact_deleted"

NOTE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Handler:
    """Someone who hears of a new report: `why` is EDITOR, CO_CHAIR or AGENCY_ADDRESS."""

    email: str
    language: str
    why: str

    EDITOR = "editor"
    CO_CHAIR = "co_chair"
    AGENCY_ADDRESS = "agency_address"

    @property
    def works_in_the_admin(self):
        """Editors and co-chairs handle the report in the admin; an agency's public address
        belongs to no account."""
        return self.why != self.AGENCY_ADDRESS


def report_handlers(service):
    """Who hears of a report about `service`: the active editors of its agency and the active
    co-chairs, each once and in their preferred language; the agency's own e-mail address,
    in the default language, when the agency has no editor on the portal."""
    agency = service.get_parent().specific
    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = people.filter(groups__name=AGENCY_EDITORS).filter(
        groups__organisation__translation_key=agency.translation_key
    )
    co_chairs = people.filter(groups__name=CO_CHAIRS)
    handlers = {}
    for user in editors.distinct().order_by("email"):
        handlers[user.email.lower()] = Handler(user.email, user.preferred_language, Handler.EDITOR)
    agency_email = getattr(agency, "email", "")
    if not handlers and agency_email:
        handlers[agency_email.lower()] = Handler(
            agency_email, settings.LANGUAGE_CODE, Handler.AGENCY_ADDRESS
        )
    for user in co_chairs.distinct().order_by("email"):
        handlers.setdefault(
            user.email.lower(), Handler(user.email, user.preferred_language, Handler.CO_CHAIR)
        )
    return list(handlers.values())


def language_name(code, in_language):
    """The name of the language a report was made in, in the reader's language."""
    if not code:
        return "-"
    try:
        english = get_language_info(code)["name"]
    except KeyError:
        return code
    return language_name_for(code, english, in_language)


def page_address(page):
    """The public address of a page in its own language, on the portal's one public host."""
    _site_id, _root_url, path = page.get_url_parts()
    return absolute_url(path)


def record_received(report):
    """Start the report's history: a visitor sent it, on the page of this language."""
    log(report, RECEIVED, user=None, data={"language": report.language})


def tell_handlers(report):
    """E-mail each handler of a new report in their language; return how many were told."""
    service = report.service
    # The service as each handler reads it best: their language, else its fallbacks, else the
    # page the visitor reported on.
    translations = [service] + list(
        ServicePage.objects.live()
        .filter(translation_key=service.translation_key)
        .exclude(pk=service.pk)
        .select_related("locale")
    )
    handlers = report_handlers(service)
    for handler in handlers:
        shown = best_translation(translations, handler.language)
        send_templated_email(
            to=handler.email,
            language=handler.language,
            context={
                "report": report,
                "handler": handler,
                "title": shown.title,
                "agency_title": shown.get_parent().title,
                "language_name": language_name(report.language, handler.language),
                "public_url": page_address(service),
                "report_url": absolute_url(
                    reverse("wagtailsnippets_services_map_problemreport:edit", args=[report.pk])
                ),
                "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[shown.pk])),
            },
            subject_template="emails/problem_report_subject.txt",
            text_template="emails/problem_report.txt",
        )
    return len(handlers)


def tell_reporter_fixed(report):
    """E-mail the reporter, in the language they reported in, that the listing is fixed."""
    language = report.language if report.language in dict(settings.LANGUAGES) else None
    send_templated_email(
        to=report.reporter_email,
        language=language or settings.LANGUAGE_CODE,
        context={
            "report": report,
            "title": report.service.title,
            "public_url": page_address(report.service),
        },
        subject_template="emails/problem_report_fixed_subject.txt",
        text_template="emails/problem_report_fixed.txt",
    )


@transaction.atomic
def handle_report(report, *, status, note, user):
    """Set the report's status and add a note, as `user`, recording both in its history.

    Closing a report (Fixed, or Not a problem) deletes the reporter's phone or e-mail; when it
    is closed as fixed and that was an e-mail address, the reporter is told first. As the
    address is gone from then on, the reporter hears from us at most once."""
    report = ProblemReport.objects.select_for_update().select_related("service").get(pk=report.pk)
    previous = report.status
    note = note.strip()
    if status != previous:
        report.status = status
        report.save(update_fields=["status", "resolved_at"])
        log(report, STATUS_CHANGED, user=user, data={"from": previous, "to": status, "note": note})
    elif note:
        log(report, NOTE_ADDED, user=user, data={"note": note})
    if not report.is_open and report.contact:
        if report.status == ProblemReport.Status.FIXED and report.reporter_email:
            tell_reporter_fixed(report)
            log(report, REPORTER_TOLD, user=user)
        report.contact = ""
        report.save(update_fields=["contact"])
        log(report, CONTACT_DELETED, user=user)
    return report


def report_history(report):
    """The report's history, oldest first, with the people who wrote it."""
    return list(
        ProblemReportLogEntry.objects.filter(report=report)
        .select_related("user")
        .order_by("timestamp", "id")
    )


# --- How the history reads in the admin ------------------------------------------------------


def status_label(value):
    return dict(ProblemReport.Status.choices).get(value, value)


class ReceivedFormatter(LogFormatter):
    """A visitor sent the report, from the page in this language."""

    label = _("Problem report: received")

    def format_message(self, log_entry):
        return _("Received from a visitor on the page in %(language)s.") % {
            "language": language_name(log_entry.data.get("language", ""), get_language())
        }


class StatusChangedFormatter(LogFormatter):
    """The status went from one value to another; a note written with it is its comment."""

    label = _("Problem report: status changed")

    def format_message(self, log_entry):
        return _("Status changed from %(old)s to %(new)s.") % {
            "old": status_label(log_entry.data.get("from", "")),
            "new": status_label(log_entry.data.get("to", "")),
        }

    def format_comment(self, log_entry):
        return log_entry.data.get("note", "")


class NoteAddedFormatter(LogFormatter):
    """A note written without changing the status."""

    label = _("Problem report: note added")
    message = _("Note added.")

    def format_comment(self, log_entry):
        return log_entry.data.get("note", "")


def register_problem_report_log_actions(actions):
    """Keep reports' history in a log of its own and name its steps (from wagtail_hooks)."""
    actions.register_model(ProblemReport, ProblemReportLogEntry)
    actions.register_action(RECEIVED)(ReceivedFormatter)
    actions.register_action(STATUS_CHANGED)(StatusChangedFormatter)
    actions.register_action(NOTE_ADDED)(NoteAddedFormatter)
    actions.register_action(
        REPORTER_TOLD,
        _("Problem report: reporter told"),
        _("The reporter was told by e-mail that the listing is fixed."),
    )
    actions.register_action(
        CONTACT_DELETED,
        _("Problem report: contact deleted"),
        _("The reporter's phone or e-mail was deleted, as the report is closed."),
    )
