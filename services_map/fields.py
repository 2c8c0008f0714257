"""Model fields of the directory that Django does not ship."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of choices stored as JSON, so it works the same on SQLite and PostgreSQL, edited
    as a set of checkboxes."""

    def __init__(self, *args, choices=None, **kwargs):
        self.multiple_choices = list(choices or [])
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.multiple_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.multiple_choices}
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(_("Choose only from the listed options."), code="invalid_choice")

    def formfield(self, **kwargs):
        defaults = {
            "choices": self.multiple_choices,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update({k: v for k, v in kwargs.items() if k in {"label", "help_text"}})
        return forms.MultipleChoiceField(**defaults)
