"""StreamField blocks of a meeting: agenda items with their minutes and typed outcomes.

Agencies (presenters, who is responsible for an action point) are chosen from a select that
lists each agency once in the editor's language and stores its reference translation
(core/translated_choices.py), so the action points made from the minutes point at one row per
agency whichever language the minutes were written in."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.blocks.list_block import ListBlockAdapter
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from iswg_portal.core.translated_choices import TranslationChooserBlock


class OutcomeKind:
    """What came out of discussing an agenda item."""

    INFORMATION = "information"
    DECISION = "decision"
    ACTION_POINT = "action_point"
    CHOICES = [
        (INFORMATION, _("Information")),
        (DECISION, _("Decision")),
        (ACTION_POINT, _("Action point")),
    ]


class AgendaItemKind:
    """Agenda items that the portal acts on, besides ordinary discussion items."""

    STANDARD = "standard"
    ADOPTION = "adoption"
    MATTERS_ARISING = "matters_arising"
    CHOICES = [
        (STANDARD, _("Discussion item")),
        (ADOPTION, _("Adoption of the previous minutes")),
        (MATTERS_ARISING, _("Matters arising (an open action point)")),
    ]


class FollowUp:
    """What a meeting decided about an open action point brought back as a matter arising."""

    UNCHANGED = ""
    DONE = "done"
    DROPPED = "dropped"
    CHOICES = [
        (UNCHANGED, _("Still open")),
        (DONE, _("Done: close it")),
        (DROPPED, _("Dropped: close it")),
    ]


class OutcomeBlock(blocks.StructBlock):
    """One outcome of an agenda item; an action point becomes a tracked record on publication.

    Its text comes first, so that a new outcome's cursor is where the minute-taker types; the
    type is a row of radio buttons, one click."""

    text = blocks.TextBlock(label=_("text"), form_classname="outcome-text")
    kind = blocks.ChoiceBlock(
        choices=OutcomeKind.CHOICES,
        default=OutcomeKind.INFORMATION,
        label=_("type"),
        widget=forms.RadioSelect,
        form_classname="outcome-kind",
    )
    responsible_agency = TranslationChooserBlock(
        page_type="services_map.AgencyPage",
        required=False,
        label=_("responsible agency"),
        help_text=_("For an action point: the agency that must do it."),
    )
    due_date = blocks.DateBlock(
        required=False, label=_("due date"), help_text=_("For an action point: by when.")
    )

    class Meta:
        icon = "tick"
        label = _("Outcome")
        label_format = "{text}"
        form_classname = "struct-block outcome-block"


class OutcomeListBlock(blocks.ListBlock):
    """An agenda item's outcomes, with a button per kind under the list ("Add a decision",
    "Add an action point") that adds an outcome of that kind and puts the cursor in its text;
    Wagtail's own + adds one of the default kind, information."""

    QUICK_ADD = [
        (OutcomeKind.DECISION, _("Add a decision")),
        (OutcomeKind.ACTION_POINT, _("Add an action point")),
    ]


class OutcomeListBlockAdapter(ListBlockAdapter):
    """Wagtail's list block in the editor, plus the quick-add buttons
    (static/js/outcome-quick-add.js)."""

    js_constructor = "meetings.blocks.OutcomeListBlock"

    def js_args(self, block):
        name, child_block, child_state, meta = super().js_args(block)
        meta["quickAdd"] = [[kind, str(label)] for kind, label in block.QUICK_ADD]
        return [name, child_block, child_state, meta]

    @cached_property
    def media(self):
        return super().media + forms.Media(js=["js/outcome-quick-add.js"])


register(OutcomeListBlockAdapter(), OutcomeListBlock)


class AgendaItemBlock(blocks.StructBlock):
    """One agenda item: published before the meeting, its minutes filled in after it."""

    kind = blocks.ChoiceBlock(
        choices=AgendaItemKind.CHOICES,
        default=AgendaItemKind.STANDARD,
        label=_("kind"),
    )
    title = blocks.CharBlock(max_length=255, label=_("title"))
    presenter = TranslationChooserBlock(
        page_type="services_map.AgencyPage", required=False, label=_("presenter agency")
    )
    minutes_allotted = blocks.IntegerBlock(
        required=False, min_value=0, max_value=480, label=_("minutes allotted")
    )
    notes = blocks.TextBlock(
        required=False, label=_("notes"), help_text=_("Shown with the agenda, before the meeting.")
    )
    previous_meeting = blocks.PageChooserBlock(
        page_type="meetings.MeetingPage",
        required=False,
        label=_("previous meeting"),
        help_text=_("For the adoption item: the meeting whose minutes are adopted."),
    )
    minutes_adopted = blocks.BooleanBlock(
        required=False,
        label=_("minutes adopted"),
        help_text=_("Tick when the meeting adopted the previous minutes."),
    )
    action_point = SnippetChooserBlock(
        "meetings.ActionPoint",
        required=False,
        label=_("action point"),
        help_text=_("For a matter arising: the open action point that is followed up."),
    )
    follow_up = blocks.ChoiceBlock(
        choices=FollowUp.CHOICES,
        required=False,
        label=_("follow-up decided"),
        help_text=_("For a matter arising: close the action point when the minutes are published."),
    )
    discussion = blocks.TextBlock(
        required=False,
        label=_("minutes"),
        help_text=_("What was said, filled in after the meeting."),
    )
    outcomes = OutcomeListBlock(
        OutcomeBlock(),
        default=[],
        label=_("decisions and action points"),
        help_text=_("What this item decided, who must do what and by when."),
    )
    documents = blocks.ListBlock(
        DocumentChooserBlock(label=_("document")),
        default=[],
        label=_("documents"),
        help_text=_(
            "Presentations or papers for this item, shown beside it on the meeting page. A "
            "members-only meeting's documents are served to members only."
        ),
    )

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")
        label_format = "{title}"
        form_classname = "struct-block agenda-item"
        # What a minute-taker fills in for every item comes first and stays open; what only
        # some items need (notes for the agenda, the adoption of earlier minutes, a matter
        # arising) waits folded below it, its summary saying which kind of item it is.
        form_layout = blocks.BlockGroup(
            children=[
                "title",
                "presenter",
                "minutes_allotted",
                "discussion",
                "outcomes",
                "documents",
                blocks.BlockGroup(
                    [
                        "kind",
                        "notes",
                        "previous_meeting",
                        "minutes_adopted",
                        "action_point",
                        "follow_up",
                    ],
                    heading=_("Kind of item, notes for the agenda, adoption, matter arising"),
                    classname="collapsed",
                    icon="cog",
                    label_format="{kind}",
                ),
            ]
        )


class StandingItemBlock(blocks.StructBlock):
    """An item that opens every meeting of a group, copied into each next meeting."""

    title = blocks.CharBlock(max_length=255, label=_("title"))
    presenter = TranslationChooserBlock(
        page_type="services_map.AgencyPage", required=False, label=_("presenter agency")
    )
    minutes_allotted = blocks.IntegerBlock(
        required=False, min_value=0, max_value=480, label=_("minutes allotted")
    )

    class Meta:
        icon = "repeat"
        label = _("Standing item")
