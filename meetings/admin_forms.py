"""Admin forms of the meetings' snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from meetings.access import may_work_on_group


class ActionPointAdminForm(WagtailAdminModelForm):
    """An action point belongs to a group its editor works on, and to that group's meetings:
    a group lead cannot move one into another group or hang it on another group's meeting."""

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
