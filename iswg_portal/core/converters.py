"""Bounded ids for URLs and forms: a database id has at most 18 digits, so a longer one is
refused before it reaches a query (SQLite overflows past 19 digits, PostgreSQL past bigint)."""

import re

from django import forms

# 18 digits always fit a signed 64-bit integer; no portal table comes near that many rows.
ID_PATTERN = "[0-9]{1,18}"
_ID_RE = re.compile(rf"\A{ID_PATTERN}\Z")


def is_bounded_id(value):
    """True when `value` (a string or an int) is an id any database can look up."""
    return _ID_RE.match(str(value)) is not None


class BoundedIdConverter:
    """`<id:page_id>` in a URL: an integer of 1 to 18 digits; anything else is not a match (404)."""

    regex = ID_PATTERN

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        if not is_bounded_id(value):
            raise ValueError(f"{value!r} is not an id")
        return str(value)


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice of one object by its id, where a value that is not a bounded id is an unknown
    choice (a form error) instead of a database error."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, self.queryset.model) and not is_bounded_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
