"""The meeting editor's form: Wagtail's page form with the attendance rows pre-filled."""

from iswg_portal.core.page_forms import PortalPageForm
from meetings.attendance import prefill, settle_new_rows


class MeetingPageForm(PortalPageForm):
    """A meeting's admin form whose attendance lists the group's agencies to tick
    (meetings/attendance.py)."""

    class Media:
        css = {"all": ["css/minutes-editor.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("attendance")
        if formset is None:
            return
        if formset.is_bound:
            settle_new_rows(formset)
            return
        group = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if group is not None and hasattr(group.specific, "member_agencies"):
            prefill(formset, group.specific)
