"""'Report a problem with this listing': the public form, its spam guards, storing the report and
telling the agency's editors and the co-chairs once (services_map/problem_reports.py)."""

import logging
import unicodedata

from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from iswg_portal.accounts.adapter import client_address
from iswg_portal.core.cross_site import (
    PUBLIC_FORM_TOKEN_FIELD,
    is_valid_public_form_token,
    public_form_token,
    same_origin_post_only,
)

from ..models import ProblemReport, ServicePage
from ..problem_reports import record_received, tell_handlers

# How many reports one address may send an hour is the rate of this allauth action, set in
# ACCOUNT_RATE_LIMITS.
RATE_LIMIT_ACTION = "problem_report"
# One visitor's identical report is kept once in this time.
REPEAT_WINDOW_SECONDS = 60 * 60
HONEYPOT_FIELD = "website"

logger = logging.getLogger(__name__)


def form_purpose(service):
    """What the form's token is for: reports on this service's page."""
    return f"problem-report:{service.pk}"


class ProblemReportForm(forms.Form):
    """What is wrong with a listing, and an optional way to reach the reporter.

    The service page is cached whole for anonymous visitors, so the form carries no CSRF
    token of its own: its view takes posts from this site's pages only, with a signed token
    that is the same for every visitor (iswg_portal/core/cross_site.py)."""

    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ProblemReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong.")},
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the right phone number, or where the service has moved."),
    )
    contact = forms.CharField(
        label=_("Your phone or e-mail (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "Only if you want the agency to contact you about this. Leave an e-mail address to "
            "be told when the listing is fixed. It is not published, and it is deleted once "
            "the report is dealt with."
        ),
    )
    # Hidden from people by CSS and from screen readers; only robots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service

    @property
    def token(self):
        """The token this form hands out (the hidden field PUBLIC_FORM_TOKEN_FIELD)."""
        return public_form_token(form_purpose(self.service))

    def clean_details(self):
        return _without_control_characters(self.cleaned_data["details"])

    def clean_contact(self):
        return _without_control_characters(self.cleaned_data["contact"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ProblemReport.Kind.OTHER and not cleaned.get("details"):
            self.add_error("details", _("Tell us what is wrong."))
        return cleaned

    @property
    def is_spam(self):
        """True when the hidden field was filled in."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


def _without_control_characters(text):
    """Drop NUL and other control characters that databases refuse or mail mangles."""
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()


def is_first_time_this_hour(request, service, form):
    """True the first time this visitor sends this report within the hour, False on a repeat.

    "This visitor" is their address as the rate limits count it (client_address); "this report"
    is the same service, in whichever language's page, the same kind of problem and the same
    words (case, spacing and Unicode form aside) with the same contact: a different way to be
    reached is news to the agency, so it is kept.
    """
    try:
        added = cache.add(_repeat_key(request, service, form), True, REPEAT_WINDOW_SECONDS)
    except Exception:
        logger.exception("Cannot tell a repeated problem report apart; keeping it")
        return True
    # A cache that ignores its errors answers None: storing a repeat beats losing a report.
    return added is not False


def forget_report(request, service, form):
    """Let the same report through again: it could not be stored this time."""
    cache.delete(_repeat_key(request, service, form))


def _repeat_key(request, service, form):
    data = form.cleaned_data
    parts = [client_address(request), str(service.translation_key), data["kind"]]
    parts += [_normalised(data["details"]), _normalised(data["contact"])]
    # The cache holds a keyed hash, never the address or the words themselves.
    digest = salted_hmac(__name__, "\x1f".join(parts), algorithm="sha256").hexdigest()
    return f"problem-report-repeat:{digest}"


def _normalised(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def store_report(service, form, language):
    """Save the report, start its history, and e-mail the agency's editors and the co-chairs
    once the report is safely stored."""
    with transaction.atomic():
        report = ProblemReport.objects.create(
            service=service,
            kind=form.cleaned_data["kind"],
            details=form.cleaned_data["details"],
            contact=form.cleaned_data["contact"],
            language=language,
        )
        record_received(report)
        transaction.on_commit(lambda: tell_handlers(report))
    return report


def reportable_service(request, service_id):
    """The service this person may see and report on, or 404."""
    service = ServicePage.objects.live().filter(pk=service_id).select_related("locale").first()
    if service is None or not service.is_listed_for(request.user):
        raise Http404
    return service


@same_origin_post_only
@require_POST
def report_problem(request, service_id):
    """Take a report from the service page's form; a robot, and a visitor sending the same
    report again, are thanked and nothing more is kept. A post from another site is refused
    (403); a form handed out too long ago is shown again to be sent once more."""
    service = reportable_service(request, service_id)
    form = ProblemReportForm(request.POST, service=service)
    token = request.POST.get(PUBLIC_FORM_TOKEN_FIELD)
    if not is_valid_public_form_token(token, form_purpose(service)):
        form.is_valid()
        form.add_error(None, _("This form was open too long. Please check it and send it again."))
        return TemplateResponse(
            request,
            "services_map/report_problem.html",
            {"service": service, "form": form},
            status=400,
        )
    if form.is_spam:
        messages.success(request, _("Thank you. The agency will check the listing."))
        return redirect(service.get_url(request=request))
    if not ratelimit.consume(request, action=RATE_LIMIT_ACTION):
        return TemplateResponse(
            request,
            "services_map/report_problem.html",
            {"service": service, "form": form, "rate_limited": True},
            status=429,
        )
    if not form.is_valid():
        return TemplateResponse(
            request,
            "services_map/report_problem.html",
            {"service": service, "form": form},
            status=400,
        )
    # A repeat is thanked like the first report, so a double click or a reload is harmless,
    # but only the first is stored and mailed.
    if is_first_time_this_hour(request, service, form):
        try:
            store_report(service, form, translation.get_language() or "")
        except Exception:
            forget_report(request, service, form)
            raise
    messages.success(request, _("Thank you. The agency will check the listing."))
    return redirect(service.get_url(request=request))
