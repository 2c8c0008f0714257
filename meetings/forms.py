"""Forms of the meetings views; every value from a URL or a POST is checked here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from iswg_portal.core.converters import BoundedModelChoiceField
from meetings.models import ActionPoint
from services_map.models import AgencyPage


class ActionPointFilterForm(forms.Form):
    """The tracker's filters: group, responsible agency, status and overdue."""

    STATUS_ALL = "all"

    group = forms.ChoiceField(label=_("Group"), required=False)
    agency = BoundedModelChoiceField(
        label=_("Responsible agency"),
        queryset=AgencyPage.objects.none(),
        required=False,
        empty_label=_("All agencies"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(STATUS_ALL, _("All")), *ActionPoint.Status.choices],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        self.fields["group"].choices = [
            ("", _("All groups")),
            *[(group.slug, group.title) for group in self.groups],
        ]
        self.fields["agency"].queryset = AgencyPage.objects.live().order_by("title")

    def selected_group(self):
        """The chosen group's page, or None for all groups."""
        slug = self.cleaned_data.get("group")
        return next((group for group in self.groups if group.slug == slug), None)


class ActionPointStatusForm(forms.Form):
    """A co-chair or group lead marks an action point done, dropped or open again, and may
    move its due date (left as it is when the form does not send one)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionPoint.Status.choices,
        error_messages={
            "required": _("Choose open, done or dropped."),
            "invalid_choice": _("Choose open, done or dropped."),
        },
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        error_messages={"invalid": _("Enter the due date as a date, e.g. 2031-12-31.")},
    )

    def sends_due_date(self):
        """True when the form has a due date field (an empty one clears the date)."""
        return "due_date" in self.data


class ActionPointNoteForm(forms.Form):
    """A co-chair or group lead writes down the progress of an action point."""

    text = forms.CharField(
        label=_("Progress note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedTokenForm(forms.Form):
    """Create, replace or revoke the secret address of one's personal calendar feed."""

    action = forms.ChoiceField(
        choices=[("create", _("Create")), ("revoke", _("Revoke"))], widget=forms.HiddenInput
    )
