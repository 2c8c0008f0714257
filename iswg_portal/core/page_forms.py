"""The admin form every page type uses: it never saves over a newer revision (no lost updates).

Wagtail's edit form carries the id of the revision it was loaded from (`loaded_revision_id`,
or `overwrite_revision_id` once the editor's own changes were autosaved). Wagtail refuses a
stale autosave but lets a stale Save or Publish overwrite whatever was saved or published
meanwhile; this form refuses it too and says who changed the page, when and what. The
person's own changes stay in the form; wagtail_hooks.py adds a link to compare the versions.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, Revision

from .converters import is_bounded_id
from .dates import local_datetime


def loaded_revision_is_stale(data, latest):
    """True when the form `data` was loaded from an older state than the `latest` revision.

    The same test as Wagtail's autosave check (EditView.is_out_of_date), so both agree; a POST
    that names no revision (not sent by the edit form) is taken as current."""
    latest_id = str(latest.pk)
    if overwrite_id := data.get("overwrite_revision_id"):
        return overwrite_id != latest_id
    if loaded_id := data.get("loaded_revision_id"):
        return (
            loaded_id != latest_id
            or data.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
        )
    return False


@dataclass
class StaleEdit:
    """An edit form loaded from `loaded` (None if that revision is gone) while the page's
    latest revision is now `latest`."""

    page_id: int
    latest: Revision
    loaded: Revision | None
    latest_is_live: bool

    @property
    def compare_url(self):
        """The admin's comparison of the two versions, or the page's history."""
        if self.loaded is not None and self.loaded.pk != self.latest.pk:
            return reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(self.page_id, self.loaded.pk, self.latest.pk),
            )
        return reverse("wagtailadmin_pages:history", args=(self.page_id,))


def find_stale_edit(page_id, data):
    """The conflict if the edit form `data` of the page is older than its latest revision."""
    if not page_id:
        return None
    ids = Page.objects.filter(pk=page_id).values("latest_revision_id", "live_revision_id").first()
    if not ids or ids["latest_revision_id"] is None:
        return None
    latest = Revision.objects.select_related("user").filter(pk=ids["latest_revision_id"]).first()
    if latest is None or not loaded_revision_is_stale(data, latest):
        return None
    loaded_id = data.get("overwrite_revision_id") or data.get("loaded_revision_id", "")
    loaded = None
    if is_bounded_id(loaded_id):
        loaded = Revision.page_revisions.filter(pk=loaded_id, object_id=str(page_id)).first()
    return StaleEdit(page_id, latest, loaded, ids["live_revision_id"] == latest.pk)


class PortalPageForm(WagtailAdminPageForm):
    """Base admin form of every page type (`base_form_class`): refuses to save or publish from
    a form older than the page's latest revision."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.is_bound:
            stale = find_stale_edit(self.instance.pk, self.data)
            if stale is not None:
                self.add_error(None, ValidationError(self.stale_message(stale), code="stale"))
        return cleaned

    def changed_labels(self, loaded, latest):
        """Labels of the form's fields and inline lists whose content differs between the two
        revisions, in the form's order."""
        before, after = loaded.content, latest.content
        labels = []
        for name in self.fields:
            if name in before and name in after and before[name] != after[name]:
                labels.append(str(self[name].label))
        for name in self.formsets:
            if name in before and name in after and before[name] != after[name]:
                related = self.instance._meta.get_field(name).related_model
                labels.append(str(capfirst(related._meta.verbose_name_plural)))
        return labels

    def stale_message(self, stale):
        """Who saved or published the newer version and when, and what changed."""
        latest = stale.latest
        values = {
            "who": str(latest.user) if latest.user else gettext("someone"),
            "when": local_datetime(latest.created_at),
        }
        if stale.latest_is_live:
            parts = [
                gettext(
                    "%(who)s published a newer version of this page on %(when)s, "
                    "after you opened it."
                )
                % values
            ]
        else:
            parts = [
                gettext(
                    "%(who)s saved a newer draft of this page on %(when)s, after you opened it."
                )
                % values
            ]
        if stale.loaded is not None and stale.loaded.pk != latest.pk:
            labels = self.changed_labels(stale.loaded, latest)
            if labels:
                parts.append(gettext("Changed: %(fields)s.") % {"fields": ", ".join(labels)})
        parts.append(
            gettext(
                "Your changes are not saved; they are still in this form. Compare the "
                "versions, then save again to keep yours."
            )
        )
        return " ".join(parts)
