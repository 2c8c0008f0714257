"""Reports from the public that a listing is wrong, worked through by the agency and co-chairs,
and the history of each report: who changed its status or added a note, and when."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry, BaseLogEntryManager
from wagtail.search import index


class ProblemReport(index.Indexed, models.Model):
    """Someone told us a listing is wrong (wrong phone, closed, moved, refused them...).

    A report is about the service, not one translation of it: `service` is the page the visitor
    reported on (its language is the reporter's), and every translation's page counts it."""

    # Only the admin shows reports: a new one leaves the cached public pages as they are.
    shown_on_public_pages = False

    class Kind(models.TextChoices):
        WRONG_PHONE = "wrong_phone", _("The phone number is wrong")
        CLOSED = "closed", _("The service is closed")
        MOVED = "moved", _("The service has moved")
        REFUSED = "refused", _("They refused me")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        FIXED = "fixed", _("Fixed")
        NOT_A_PROBLEM = "not_a_problem", _("Not a problem")

    service = models.ForeignKey(
        "services_map.ServicePage",
        on_delete=models.CASCADE,
        related_name="problem_reports",
        verbose_name=_("service"),
    )
    kind = models.CharField(_("what is wrong"), max_length=20, choices=Kind.choices)
    details = models.TextField(_("details"), blank=True)
    contact = models.CharField(
        _("how to reach the reporter"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional phone or e-mail the reporter gave. Use it only to follow up: it is "
            "deleted when the report is closed."
        ),
    )
    language = models.CharField(_("language of the report"), max_length=10, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        help_text=_("Set to Fixed once the listing is corrected, or Not a problem."),
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, editable=False)

    search_fields = [
        index.SearchField("details"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["service", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service_title}"

    def save(self, *args, **kwargs):
        """Stamp the moment a report leaves 'received', and clear it if it is reopened."""
        if self.status == self.Status.RECEIVED:
            self.resolved_at = None
        elif self.resolved_at is None:
            self.resolved_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        """True while nobody has dealt with the report."""
        return self.status == self.Status.RECEIVED

    @property
    def reporter_email(self):
        """The reporter's contact when it is an e-mail address we may write to, else ''."""
        contact = self.contact.strip()
        try:
            validate_email(contact)
        except ValidationError:
            return ""
        return contact

    @property
    def service_title(self):
        """The service's name as the admin shows it: in the admin's language where the admin
        found a translation (`title_in_admin_language`), else as reported."""
        return getattr(self, "title_in_admin_language", None) or self.service.title

    service_title.fget.short_description = _("service")


class ProblemReportLogEntryManager(BaseLogEntryManager):
    """The history of problem reports, read only by those who may see the report itself."""

    def log_action(self, instance, action, **kwargs):
        kwargs.update(report=instance)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(report=instance)

    def viewable_by_user(self, user):
        # Wagtail's site history lists entries through this: an agency editor must not learn of
        # another agency's reports there either.
        from wagtail.permissions import policy_registry

        reports = policy_registry.get_by_type(ProblemReport).instances_user_has_any_permission_for(
            user, ["view", "change"]
        )
        return self.filter(report__in=reports.values("pk"))


class ProblemReportLogEntry(BaseLogEntry):
    """One step in a report's history (received, status changed, note added, reporter told,
    contact deleted). Deleted with its report, notes and all."""

    report = models.ForeignKey(
        ProblemReport,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("problem report"),
    )

    objects = ProblemReportLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("problem report history entry")
        verbose_name_plural = _("problem report history entries")

    @cached_property
    def object_id(self):
        return self.report_id
