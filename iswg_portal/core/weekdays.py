"""The days of the week, counted as ISO 8601 and Open Referral HSDS count them: 1 is Monday.

Every stored weekday (a service's opening periods, a thematic group's regular meeting day) and
every weekday the portal computes with uses this one enumeration; `date.isoweekday()` gives its
value for a date. The labels are also the names Django's date formats look up for the "l"
format, so marking them here puts them in the portal's catalogue (see core/formats/).
"""

from django.db import models
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """A day of the week, Monday = 1 … Sunday = 7, with its name in the visitor's language."""

    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")

    @property
    def abbreviation(self):
        """The short name in the visitor's language, e.g. 'Mon' (Django's own catalogue)."""
        return WEEKDAYS_ABBR[self.value - 1]

    @property
    def english_name(self):
        """The English name whatever the language, as schema.org's day names are: 'Monday'."""
        return self.name.title()

    @property
    def calendar_index(self):
        """The position in the week as `date.weekday()` and dateutil's rrule count: 0 … 6."""
        return self.value - 1
