"""Admin forms of the meetings' snippets."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from meetings.access import may_work_on_group
from meetings.action_points import add_note, log_changes, notify_responsible_agency, snapshot


class ActionPointAdminForm(WagtailAdminModelForm):
    """An action point belongs to a group its editor works on, and to that group's meetings:
    a group lead cannot move one into another group or hang it on another group's meeting.
    Saving logs what changed, keeps a progress note and tells a newly responsible agency."""

    progress_note = forms.CharField(
        label=_("New progress note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done or what holds the point up; kept with your name and the date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before = snapshot(self.instance) if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("group")
        if group is None:
            return cleaned
        if self.for_user is not None and not may_work_on_group(self.for_user, group):
            self.add_error("group", _("Choose a group you lead."))
            return cleaned
        for field in ("raised_at", "closed_at"):
            meeting = cleaned.get(field)
            if meeting is not None and meeting.group.translation_key != group.translation_key:
                self.add_error(field, _("Choose a meeting of this action point's group."))
        return cleaned

    def save(self, commit=True):
        point = super().save(commit=commit)
        if not commit:
            return point
        if self.before is not None:
            log_changes(point, self.before, self.for_user)
        if self.cleaned_data.get("progress_note", "").strip():
            add_note(point, self.for_user, self.cleaned_data["progress_note"].strip())
        notify_responsible_agency([point], self.for_user)
        return point
