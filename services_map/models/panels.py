"""Admin panels of the directory's pages for the facts every translation shares
(shared_facts.py): edited as usual on the source page, shown read-only on a translation, whose
form (forms.py) does not carry them, with the way to the source page."""

import datetime

from django.forms.formsets import ORDERING_FIELD_NAME
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from wagtail.admin.compare import M2MFieldComparison
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel

from iswg_portal.core.dates import local_clock, local_date

EMPTY = "—"


def source_language_name(source):
    """The name of the source page's language in the editor's language ("İngilizce")."""
    return get_language_info(source.locale.language_code)["name_translated"]


def source_edit_url(source):
    return reverse("wagtailadmin_pages:edit", args=[source.pk])


def shared_source_of(form):
    """The source page whose facts a translation's form shows, or None for the source's own
    form (and any form that is not a page's)."""
    return getattr(form, "shared_source", None)


class SharedFieldPanel(FieldPanel):
    """A field whose value every translation shares: editable on the source page, read-only on
    a translation (its form leaves the field out)."""

    def format_value_for_display(self, value):
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, datetime.time):
            return local_clock(value)
        if isinstance(value, datetime.date):
            return local_date(value)
        shown = super().format_value_for_display(value)
        # Wagtail writes an empty list of related objects as "None".
        return EMPTY if shown in ("", "None") else shown

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None and shared_source_of(self.form) is not None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = gettext("The same in every language.")


class SharedInlinePanel(InlinePanel):
    """Rows every translation shares (places, hours, phones, languages spoken): the usual
    inline list on the source page; on a translation the same rows, read-only but for the
    words each translation writes on them, and nothing to add, remove or reorder."""

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if shared_source_of(form) is not None:
            return self.TranslationBoundPanel(
                panel=self, instance=instance, request=request, form=form, prefix=prefix
            )
        return super().get_bound_panel(instance=instance, request=request, form=form, prefix=prefix)

    class TranslationBoundPanel(Panel.BoundPanel):
        template_name = "services_map/admin/shared_rows_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.label = self.panel.label
            self.formset = self.form.formsets[self.panel.relation_name]
            source = shared_source_of(self.form)
            self.children = []
            for index, subform in enumerate(self.formset.forms):
                subform.shared_source = source
                if ORDERING_FIELD_NAME in subform.fields:
                    subform.fields[ORDERING_FIELD_NAME].widget = subform.fields[
                        ORDERING_FIELD_NAME
                    ].hidden_widget()
                self.children.append(
                    self.panel.child_edit_handler.get_bound_panel(
                        instance=subform.instance,
                        request=self.request,
                        form=subform,
                        prefix=f"{self.prefix}-{index}",
                    )
                )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = shared_source_of(self.form)
            context["source_edit_url"] = source_edit_url(source)
            context["source_language"] = source_language_name(source)
            context["has_words"] = any(
                shared.words
                for shared in self.instance.shared_facts.rows
                if shared.relation == self.panel.relation_name
            )
            return context


class TranslationNoticePanel(Panel):
    """At the top of a translation's form: which facts are shared and where they are edited,
    and whether the source's words changed since this translation's."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "services_map/admin/translation_notice_panel.html"

        def is_shown(self):
            return shared_source_of(self.form) is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = shared_source_of(self.form)
            context["source_edit_url"] = source_edit_url(source)
            context["source_language"] = source_language_name(source)
            newer = self.instance.newer_source_text()
            context["source_text_changed_at"] = newer.words_changed_at if newer else None
            return context


class MultipleChoiceComparison(M2MFieldComparison):
    """A list of choices (services_map.fields.MultipleChoiceField) compared as a set, in the
    choices' order and by their labels: ticking the same boxes in another order is no
    change."""

    def get_items(self):
        order = [key for key, _label in self.field.multiple_choices]

        def in_order(values):
            chosen = set(values or [])
            return [key for key in order if key in chosen] + sorted(chosen - set(order))

        return in_order(self.val_a), in_order(self.val_b)

    def get_item_display(self, item):
        return str(dict(self.field.multiple_choices).get(item, item))
