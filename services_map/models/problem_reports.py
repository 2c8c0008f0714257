"""Reports from the public that a listing is wrong, worked through by the agency and co-chairs."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class ProblemReport(index.Indexed, models.Model):
    """Someone told us a listing is wrong (wrong phone, closed, moved, refused them...)."""

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
        help_text=_("Optional phone or e-mail the reporter gave. Use it only to follow up."),
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

    panels = [
        MultiFieldPanel(
            [FieldPanel("service", read_only=True), FieldPanel("kind", read_only=True)],
            heading=_("Report"),
        ),
        FieldPanel("details", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("status"),
    ]
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
        return f"{self.get_kind_display()}: {self.service.title}"

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
