"""The form a service page is edited with in the admin (the page's `base_form_class`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from iswg_portal.core.page_forms import PortalPageForm

from .snippets import ServiceCategory


class ServicePageForm(PortalPageForm):
    """Admin form of a service: categories are picked from the default language's taxonomy, so
    every translation of a service points at the same categories."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("categories")
        if field is not None:
            default_locale = Locale.get_default()
            queryset = ServiceCategory.objects.filter(locale=default_locale).select_related(
                "parent"
            )
            if self.instance.pk:
                queryset = queryset | ServiceCategory.objects.filter(
                    # From a draft revision this is modelcluster's in-memory list.
                    pk__in=[category.pk for category in self.instance.categories.all()]
                ).select_related("parent")
            field.queryset = queryset.order_by("parent__name", "name").distinct()
            field.widget = forms.CheckboxSelectMultiple()
            field.widget.choices = field.choices

    def clean(self):
        cleaned = super().clean()
        minimum, maximum = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("maximum_age", _("The maximum age must not be below the minimum age."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The service cannot end before it starts."))
        categories = cleaned.get("categories")
        if categories is not None:
            # A type of service is always filed under its sector too, so sector counts and
            # filters find it.
            chosen = {c.pk for c in categories} | {c.parent_id for c in categories if c.parent_id}
            cleaned["categories"] = ServiceCategory.objects.filter(pk__in=chosen)
        return cleaned
