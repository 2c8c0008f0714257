"""The forms the directory's pages are edited with in the admin (their `base_form_class`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import childformset_factory
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from iswg_portal.core.page_forms import PortalPageForm

from ..shared_facts import source_of
from .snippets import ServiceCategory


class SharedFactsPageForm(PortalPageForm):
    """The form of a page whose translations share facts (shared_facts.py). On the source page
    it is the whole form; a translation's form carries only words: the facts are left out
    (the panels show them read-only) and the rows below the page can have their words written
    but cannot be added, removed or changed. Whatever else a request sends, the page keeps the
    source's facts when it is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared_source = None
        if self.instance.pk is not None:
            source = source_of(self.instance)
            if source is not self.instance:
                self.shared_source = source
                self.leave_out_facts()

    def leave_out_facts(self):
        """Remove the shared facts from this translation's form."""
        facts = self.instance.shared_facts
        for name in facts.form_fields:
            self.fields.pop(name, None)
        for shared in facts.rows:
            formset = self.formsets.get(shared.relation)
            if formset is not None:
                self.formsets[shared.relation] = self.words_formset(shared, formset.prefix)

    def words_formset(self, shared, prefix):
        """The rows of a shared relation as they are, with only their words in the form."""
        model = type(self.instance)._meta.get_field(shared.relation).related_model
        rows = getattr(self.instance, shared.relation).all()
        fields = ["row_key", *shared.words] if shared.words else []
        formset_class = childformset_factory(
            type(self.instance),
            model,
            form=WagtailAdminModelForm,
            fields=fields,
            widgets={"row_key": forms.HiddenInput},
            extra=0,
            can_delete=False,
            max_num=len(rows),
            validate_max=True,
        )
        return formset_class(
            self.data if self.is_bound else None,
            self.files if self.is_bound else None,
            instance=self.instance,
            prefix=prefix,
        )


class AgencyPageForm(SharedFactsPageForm):
    """Admin form of an agency: its contact details and type are shared by its translations."""


class ServicePageForm(SharedFactsPageForm):
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
