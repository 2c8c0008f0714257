"""The dry-run report: each service of the file as new, updated (field by field) or unchanged,
the agency's services not in the file, and every mistake by row and column, in the
importer's language."""

import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...models import (
    AgencyPage,
    ServicePage,
)


@dataclass
class Problem:
    """A mistake in the file, by row (None: the file as a whole) and column."""

    row: int | None
    column: str
    value: str
    message: str
    file: str = ""  # the file inside an HSDS package, or the JSON file

    def __str__(self):
        if self.row is None:
            return self.message
        if self.file:
            return _("%(file)s row %(row)s, column %(column)s: %(message)s") % {
                "file": self.file,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Change:
    """One field of a service as it is and as the file would make it."""

    column: str
    before: str
    after: str


@dataclass
class PlannedService:
    """A service of the file: the rows it comes from, what it is matched to and what would
    change."""

    rows: list
    agency: AgencyPage | None
    name: str
    translation_key: uuid.UUID | None = None
    page: ServicePage | None = None  # the source page, as last saved, when it exists
    matched_by: str = ""  # "hsds_id", "name" or "" for a new service
    facts: dict = field(default_factory=dict)
    words: dict = field(default_factory=dict)  # {language: {stem: text}}
    locale_words: dict = field(default_factory=dict)
    locations: list | None = None  # None: the file has no location columns
    changes: list = field(default_factory=list)
    source: str = ""  # where it is in an HSDS package or JSON: "services.csv 3"

    @property
    def is_new(self):
        return self.page is None

    @property
    def row_label(self):
        return ", ".join(str(row) for row in self.rows)


@dataclass
class ImportPlan:
    """What importing the file would do, and what stops it."""

    file_name: str
    sha256: str
    language: str
    row_count: int = 0
    problems: list = field(default_factory=list)
    services: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # services of the agencies not in the file
    agencies: list = field(default_factory=list)

    @property
    def new(self):
        return [service for service in self.services if service.is_new]

    @property
    def updated(self):
        return [service for service in self.services if not service.is_new and service.changes]

    @property
    def unchanged(self):
        return [service for service in self.services if not service.is_new and not service.changes]

    @property
    def can_apply(self):
        return not self.problems and bool(self.new or self.updated)

    def counts(self):
        """The figures recorded in the audit log."""
        return {
            "rows": self.row_count,
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "not_in_file": len(self.missing),
            "errors": len(self.problems),
        }

    def summary(self):
        """One sentence with the figures, in the importer's language."""
        counts = self.counts()
        return (
            _(
                "Rows read: %(rows)s. New: %(new)s. Updated: %(updated)s. Unchanged: "
                "%(unchanged)s. In the directory but not in the file: %(not_in_file)s. Errors: "
                "%(errors)s."
            )
            % counts
        )

    def as_text(self, applied=False):
        """The report as plain text, for the command line and the closing notes."""
        lines = [
            _("Import of %(file)s (SHA-256 %(hash)s).")
            % {"file": self.file_name, "hash": self.sha256[:16]},
            _("Applied: the changes below are saved.")
            if applied
            else _("Dry run: nothing has been changed."),
            _("Rows are matched to services by hsds_id, else by agency and exact name."),
            self.summary(),
        ]
        if self.problems:
            lines += ["", _("Errors (nothing can be applied until they are fixed)")]
            lines += [f"  {problem}" for problem in self.problems]
        for heading, services in (
            (_("New services"), self.new),
            (_("Updated services"), self.updated),
            (_("Unchanged services"), self.unchanged),
        ):
            if services:
                lines += ["", heading]
            for service in services:
                lines.append(f"  {service_line(service)}")
                lines += [
                    f"    {change.column}: {change.before or '–'} → {change.after or '–'}"
                    for change in service.changes
                ]
        if self.missing:
            lines += ["", _("In the directory but not in the file (nothing is deleted)")]
            lines += [f"  {page.title} ({page.translation_key})" for page in self.missing]
        return "\n".join(lines)


def service_line(service):
    """How the report names a service: its rows, its name, its agency and how it matched."""
    how = {
        "hsds_id": _("matched by hsds_id"),
        "name": _("matched by agency and exact name"),
        "": _("new"),
    }[service.matched_by]
    if service.source:
        label = service.source
    else:
        label = ngettext("row %(rows)s", "rows %(rows)s", len(service.rows)) % {
            "rows": service.row_label
        }
    agency = (service.agency.acronym or service.agency.title) if service.agency else ""
    return f"{label}: {service.name} ({agency}), {how}"
