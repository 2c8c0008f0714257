"""Forms of the meetings views; every value from a URL or a POST is checked here."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.translated_choices import TranslationChoiceField
from meetings.models import ActionPoint
from services_map.models import AgencyPage


class GroupFilterForm(forms.Form):
    """A filter by thematic group: each group once (the translations given), named in the
    visitor's language and in its alphabetical order."""

    group = forms.ChoiceField(label=_("Group"), required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = sorted_by_name(groups, get_language(), key=lambda group: group.title)
        self.fields["group"].choices = [
            ("", _("All groups")),
            *[(group.slug, group.title) for group in self.groups],
        ]

    def selected_group(self):
        """The chosen group's page, or None for all groups."""
        slug = self.cleaned_data.get("group")
        return next((group for group in self.groups if group.slug == slug), None)


class ActionPointFilterForm(GroupFilterForm):
    """The tracker's filters: group, responsible agency, status and overdue. Each agency is
    offered once too; choosing a group or an agency finds the action points of every
    translation of it (see tracker.py)."""

    STATUS_ALL = "all"

    agency = TranslationChoiceField(
        label=_("Responsible agency"),
        queryset=AgencyPage.objects.live(),
        required=False,
        empty_label=_("All agencies"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(STATUS_ALL, _("All")), *ActionPoint.Status.choices],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


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


class RecordSearchForm(forms.Form):
    """The members' search of minutes, decisions and action points."""

    q = forms.CharField(label=_("Words to find"), max_length=200, required=False)
