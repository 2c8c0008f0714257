"""Attendance in the meeting editor: the group's agencies listed before anybody types.

A meeting without a row for one of its group's agencies (lead, co-lead, members) gets one
pre-filled row per such agency in the editor, with nothing ticked. The minute-taker ticks
who was present (or sent apologies) and adds guests: another agency or a named person.
Rows nobody touched are not saved, so an agenda saved before the meeting records no
attendance; once attendance is recorded (any new row ticked or a guest added), the group's
agencies left unticked are saved as absent, so the record says who did not come.
"""

from django.forms.formsets import DELETION_FIELD_NAME, INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.translation import get_language

from iswg_portal.core.translated_choices import one_choice_per_thing


def expected_agencies(group):
    """The agencies expected at a meeting of `group`: its lead, co-lead and members, each
    once, as the reference translation the attendance stores, in the editor's alphabetical
    order by the name they read."""
    # services_map is the lower app; its model is imported here so that meetings.models can
    # import this module while the app registry loads.
    from services_map.models import AgencyPage

    keys = {agency.translation_key for agency in group.member_agencies.all()}
    keys |= {
        agency.translation_key
        for agency in (group.lead_agency, group.co_lead_agency)
        if agency is not None
    }
    if not keys:
        return []
    agencies = AgencyPage.objects.filter(translation_key__in=keys)
    choices = one_choice_per_thing(agencies, lambda agency: agency.title, get_language())
    return [stored for stored, _shown in choices]


def prefill(formset, group):
    """Add to an unbound attendance formset one row per expected agency not yet recorded."""
    from services_map.models import AgencyPage

    agency_ids = [row.agency_id for row in formset.queryset if row.agency_id is not None]
    recorded = set(
        AgencyPage.objects.filter(pk__in=agency_ids).values_list("translation_key", flat=True)
    )
    missing = [
        agency for agency in expected_agencies(group) if agency.translation_key not in recorded
    ]
    formset.extra = len(missing)
    formset.initial_extra = [{"agency": agency.pk, "presence": None} for agency in missing]


def settle_new_rows(formset):
    """Before a bound attendance formset reads its rows: if any new row says who attended,
    the new rows of an agency left unticked are absent; if none does, they were never touched
    and are dropped."""
    prefix = formset.prefix
    data = formset.data
    try:
        first_new = int(data.get(f"{prefix}-{INITIAL_FORM_COUNT}", 0))
        total = int(data.get(f"{prefix}-{TOTAL_FORM_COUNT}", 0))
    except (TypeError, ValueError):
        return  # the management form's own validation reports it
    new_rows = [
        f"{prefix}-{index}"
        for index in range(first_new, total)
        if not data.get(f"{prefix}-{index}-{DELETION_FIELD_NAME}")
    ]
    unticked = [
        row for row in new_rows if data.get(f"{row}-agency") and not data.get(f"{row}-presence")
    ]
    if not unticked:
        return
    recorded = any(
        data.get(f"{row}-presence") and (data.get(f"{row}-agency") or data.get(f"{row}-name"))
        for row in new_rows
    )
    data = data.copy()
    for row in unticked:
        if recorded:
            data[f"{row}-presence"] = "absent"
        else:
            data[f"{row}-{DELETION_FIELD_NAME}"] = "on"
    formset.data = data
