"""Choosing an agency, a thematic group or a service category in a form: each thing once.

A translated page or snippet has one row per language, all sharing a translation key, so a plain
select of agencies lists ASAM four times. The fields here list each thing once (one choice per
translation key), named as the person choosing reads it (`best_translation` in the active
language: in the admin Wagtail activates the editor's preferred language, on the public site it
is the page's) and in that language's alphabetical order (core/collation.py).

What such a field stores is always one row per thing, its *reference translation*: the default
language's, else the first one made. An agency chosen by a Turkish editor is stored as the very
row an English editor would have chosen, so whatever reads the stored choice by its id finds
the same agency. Rows stored before these fields (or by code) may still point at any
translation; every filter built on them therefore matches by translation key, never by id
(`TranslationKeyFilter`, the action point tracker).
"""

import django_filters
from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import translation
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms.models import register_form_field_override
from wagtail.blocks import PageChooserBlock

from .collation import sorted_by_name
from .converters import BoundedModelChoiceField, is_bounded_id
from .translation import best_translation


def reference_translations(queryset):
    """Of a queryset of translatable rows, one per translation key: the default language's
    row where the queryset has one, else the row made first (lowest id). The query form of
    `reference_of_rows`."""
    same_thing = queryset.filter(translation_key=OuterRef("translation_key"))
    in_default_language = Q(locale__language_code=settings.LANGUAGE_CODE)
    first_made = Subquery(same_thing.order_by("pk").values("pk")[:1])
    return queryset.filter(
        in_default_language | (~Exists(same_thing.filter(in_default_language)) & Q(pk=first_made))
    )


def reference_of_rows(rows):
    """Of the translations of one thing (their locale loaded), the reference translation, as
    `reference_translations` chooses it."""
    in_default_language = [
        row for row in rows if row.locale.language_code == settings.LANGUAGE_CODE
    ]
    return min(in_default_language or rows, key=lambda row: row.pk)


def rows_by_thing(rows):
    """{translation key: [its rows]}, in the order the keys first appear."""
    by_key = {}
    for row in rows:
        by_key.setdefault(row.translation_key, []).append(row)
    return by_key


def reference_ids(queryset, ids):
    """{id: id of its reference translation} for the rows of `queryset` with these ids, in one
    query; ids that are not bounded or not in the queryset are left out."""
    ids = {int(value) for value in ids if is_bounded_id(value)}
    if not ids:
        return {}
    same_things = queryset.filter(
        translation_key__in=queryset.filter(pk__in=ids).values("translation_key")
    ).select_related("locale")
    found = {}
    for rows in rows_by_thing(same_things).values():
        reference = reference_of_rows(rows)
        found.update({row.pk: reference.pk for row in rows if row.pk in ids})
    return found


def one_choice_per_thing(queryset, name, language=None):
    """[(stored row, row to show)] for each thing of `queryset` once, from one query: its
    reference translation, and its translation in `language` (or the nearest fallback,
    core/translation.py), in the alphabetical order of `language` by the shown row's
    `name(row)`."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    things = rows_by_thing(queryset.select_related("locale"))
    pairs = [
        (reference_of_rows(rows), best_translation(rows, language)) for rows in things.values()
    ]
    return sorted_by_name(pairs, language, key=lambda pair: name(pair[1]))


class OneChoicePerThingIterator(ModelChoiceIterator):
    """The choices of a translated model: one per thing, worked out when the form is shown, so
    in the language active then."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for stored, shown in self.field.choice_rows():
            label = self.field.label_from_instance(shown)
            yield (ModelChoiceIteratorValue(stored.pk, stored), label)

    def __len__(self):
        return len(self.field.choice_rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.choice_rows())


class OneChoicePerThingMixin:
    """A model choice field over a translatable model (its queryset holds every translation
    that may be chosen) that offers each thing once and cleans any translation's id to the
    reference translation (see the module's docstring)."""

    iterator = OneChoicePerThingIterator

    def choice_rows(self):
        return one_choice_per_thing(self.queryset, self.label_from_instance)

    def reference_of(self, row):
        """The reference translation of a chosen row."""
        found = reference_translations(
            self.queryset.filter(translation_key=row.translation_key)
        ).first()
        return found or row


class TranslationChoiceField(OneChoicePerThingMixin, BoundedModelChoiceField):
    """One agency, group or category, listed once per thing and stored as its reference
    translation; a value that names another translation (an old link, a stored row) selects
    the same thing."""

    def prepare_value(self, value):
        if hasattr(value, "_meta"):
            value = value.pk
        if value in self.empty_values or not is_bounded_id(value):
            return value
        return reference_ids(self.queryset, [value]).get(int(value), value)

    def to_python(self, value):
        chosen = super().to_python(value)
        return None if chosen is None else self.reference_of(chosen)


class TranslationMultipleChoiceField(OneChoicePerThingMixin, forms.ModelMultipleChoiceField):
    """Several agencies or categories, listed once per thing and stored as their reference
    translations."""

    def prepare_value(self, value):
        if value is None or isinstance(value, str) or not hasattr(value, "__iter__"):
            return super().prepare_value(value)
        ids = [item.pk if hasattr(item, "_meta") else item for item in value]
        references = reference_ids(self.queryset, ids)
        return [references.get(int(item), item) if is_bounded_id(item) else item for item in ids]

    def _check_values(self, value):
        # Django's own check raises for ids that are not numbers; refuse them the same way
        # before they reach the database.
        for item in value:
            if not is_bounded_id(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)

    def clean(self, value):
        chosen = super().clean(value)
        return reference_translations(
            self.queryset.filter(translation_key__in=chosen.values("translation_key"))
        )


class TranslationKeyFilter(django_filters.ModelChoiceFilter):
    """A list filter on a foreign key to a translated model: lists each thing once and keeps
    the rows that point at any of its translations (stored rows may point at any)."""

    field_class = TranslationChoiceField

    def filter(self, queryset, value):
        if value in ([], (), {}, "", None):
            return queryset
        return queryset.filter(**{f"{self.field_name}__translation_key": value.translation_key})


class TranslationChooserBlock(PageChooserBlock):
    """A StreamField choice of one page (an agency) from a select that lists each page once,
    named in the editor's language; stores the reference translation's id, like
    `TranslationChoiceField`, whose choices it shows."""

    @cached_property
    def widget(self):
        return forms.Select()

    @cached_property
    def field(self):
        # Kept for the life of the process like Wagtail's own: its choices are still worked
        # out each time the form is drawn, in the language active then.
        return TranslationChoiceField(
            queryset=self.target_model.objects.all(),
            widget=self.widget,
            required=self._required,
            validators=self._validators,
            help_text=self._help_text,
        )

    def value_from_form(self, value):
        # The select sends "" when nothing is chosen (Wagtail's chooser widget sends None).
        if value == "":
            return None
        return super().value_from_form(value)

    def get_form_state(self, value):
        return self.field.widget.format_value(self.field.prepare_value(value))


# The translated models the admin's forms offer once per thing (see `choose_once_per_thing`).
CHOSEN_ONCE_PER_THING = set()


def choose_once_per_thing(model):
    """Every Wagtail admin form (pages, snippets, their inline rows) that asks for a `model`
    by a foreign key or a ParentalManyToManyField offers each of them once, by a select or by
    checkboxes, instead of Wagtail's chooser, which lists every translation. Called from the
    AppConfig.ready() of the app that owns `model`, before any admin form is made."""
    CHOSEN_ONCE_PER_THING.add(model)
    register_form_field_override(
        models.ForeignKey,
        to=model,
        override={"form_class": TranslationChoiceField, "widget": forms.Select},
    )


def _many_to_many_override(db_field):
    if db_field.related_model not in CHOSEN_ONCE_PER_THING:
        return {}
    return {"form_class": TranslationMultipleChoiceField, "widget": forms.CheckboxSelectMultiple}


register_form_field_override(ParentalManyToManyField, override=_many_to_many_override)
