"""The forms the directory's pages are edited with in the admin (their `base_form_class`), and
the province and district selects of a service's locations."""

from collections import defaultdict

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import childformset_factory
from wagtail.admin.forms import WagtailAdminModelForm

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.page_forms import PortalPageForm
from iswg_portal.core.translated_choices import TranslationMultipleChoiceField

from ..shared_facts import source_of
from .snippets import District, Province, ServiceCategory


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
    """Admin form of a service: each category is offered once, named in the editor's language
    and in its alphabetical order ("Sector › type"), and stored as its reference translation
    (the default language's), so every translation of a service points at the same
    categories (core/translated_choices.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("categories")
        if field is not None:
            self.fields["categories"] = TranslationMultipleChoiceField(
                queryset=ServiceCategory.objects.select_related("parent"),
                required=field.required,
                label=field.label,
                help_text=field.help_text,
                disabled=field.disabled,
                widget=forms.CheckboxSelectMultiple,
            )

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


BLANK_LABEL = "---------"


def provinces_in_order(language):
    """Every province, in the alphabetical order of its name as readers of `language` see it."""
    return sorted_by_name(
        Province.objects.all(), language, key=lambda province: province.label_in(language)
    )


class ProvinceSelect(forms.Select):
    """The provinces by the names the editor reads ("إزمير (İzmir)" in Arabic), in the
    alphabetical order of the editor's language."""

    def __init__(self, attrs=None):
        super().__init__({"data-province-select": "", **(attrs or {})})

    def optgroups(self, name, value, attrs=None):
        language = get_language()
        chosen = {str(item) for item in value}
        options = [self.create_option(name, "", BLANK_LABEL, "" in chosen, 0)]
        for index, province in enumerate(provinces_in_order(language), start=1):
            label = province.label_in(language)
            options.append(
                self.create_option(name, province.pk, label, str(province.pk) in chosen, index)
            )
        return [(None, [option], option["index"]) for option in options]


class DistrictSelect(forms.Select):
    """The districts grouped by province (one <optgroup> each), provinces and districts in the
    alphabetical order of the editor's language and named as the editor reads them. Each
    option names its province (data-province), so district-follows-province.js can offer
    only the chosen province's districts; without it every group is there, and the location's
    own check refuses a district of another province."""

    class Media:
        js = [forms.Script("js/district-follows-province.js", defer=True)]

    def __init__(self, attrs=None):
        super().__init__({"data-follows-province": "", **(attrs or {})})

    def optgroups(self, name, value, attrs=None):
        language = get_language()
        chosen = {str(item) for item in value}
        by_province = defaultdict(list)
        for district in District.objects.all():
            by_province[district.province_id].append(district)
        groups = [(None, [self.create_option(name, "", BLANK_LABEL, "" in chosen, 0)], 0)]
        for index, province in enumerate(provinces_in_order(language), start=1):
            districts = sorted_by_name(
                by_province[province.pk], language, key=lambda district: district.label_in(language)
            )
            options = []
            for subindex, district in enumerate(districts):
                option = self.create_option(
                    name,
                    district.pk,
                    district.label_in(language),
                    str(district.pk) in chosen,
                    index,
                    subindex=subindex,
                )
                option["attrs"]["data-province"] = str(province.pk)
                options.append(option)
            if options:
                groups.append((province.label_in(language), options, index))
        return groups
