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
    """A co-chair or group lead marks an action point done, dropped or open again."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionPoint.Status.choices)


class FeedTokenForm(forms.Form):
    """Create, replace or revoke the secret address of one's personal calendar feed."""

    action = forms.ChoiceField(
        choices=[("create", _("Create")), ("revoke", _("Revoke"))], widget=forms.HiddenInput
    )
