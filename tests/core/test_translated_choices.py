"""One choice per translated thing: which row a choice stores, and what it is named."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from iswg_portal.core.translated_choices import (
    TranslationChoiceField,
    TranslationChooserBlock,
    TranslationMultipleChoiceField,
    reference_translations,
)
from services_map.models import AgencyPage, ServiceCategory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(home_page):
    """Health in English and Turkish; Göç only in Turkish, its first language."""
    turkish = Locale.objects.get(language_code="tr")
    health = build.category("Health")
    saglik = health.copy_for_translation(turkish)
    saglik.name = "Sağlık"
    saglik.save()
    goc = build.category("Göç", slug="goc", locale=turkish)
    return {"health": health, "saglik": saglik, "goc": goc}


def test_the_reference_translation_is_the_default_languages_else_the_first_made(categories):
    assert set(reference_translations(ServiceCategory.objects.all())) == {
        categories["health"],
        categories["goc"],
    }


def test_each_category_is_offered_once_named_in_the_active_language(categories):
    field = TranslationChoiceField(queryset=ServiceCategory.objects.all())
    with translation.override("tr"):
        assert [(str(value), label) for value, label in field.choices][1:] == [
            (str(categories["goc"].pk), "Göç"),
            (str(categories["health"].pk), "Sağlık"),
        ]
    with translation.override("ar"):
        # Arabic falls back to English, then to any language there is.
        assert [label for _value, label in field.choices][1:] == ["Göç", "Health"]


def test_a_chosen_translation_is_cleaned_to_its_reference(categories):
    field = TranslationChoiceField(queryset=ServiceCategory.objects.all())
    assert field.clean(str(categories["saglik"].pk)) == categories["health"]
    several = TranslationMultipleChoiceField(queryset=ServiceCategory.objects.all())
    cleaned = several.clean([str(categories["saglik"].pk), str(categories["goc"].pk)])
    assert set(cleaned) == {categories["health"], categories["goc"]}


def test_a_stored_translation_is_shown_as_its_reference_choice(categories):
    field = TranslationChoiceField(queryset=ServiceCategory.objects.all())
    assert field.prepare_value(categories["saglik"]) == categories["health"].pk
    several = TranslationMultipleChoiceField(queryset=ServiceCategory.objects.all())
    assert several.prepare_value([categories["saglik"]]) == [categories["health"].pk]


@pytest.mark.parametrize("value", ["abc", "1" * 30, "-1", "1.5"])
def test_a_value_that_is_no_id_is_an_unknown_choice_not_an_error(categories, value):
    field = TranslationChoiceField(queryset=ServiceCategory.objects.all())
    with pytest.raises(ValidationError, match="valid choice"):
        field.clean(value)
    several = TranslationMultipleChoiceField(queryset=ServiceCategory.objects.all())
    with pytest.raises(ValidationError, match="valid choice"):
        several.clean([value])


def test_the_agenda_block_stores_the_reference_translation_of_an_agency(home_page):
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    turkish = asam.copy_for_translation(Locale.objects.get(language_code="tr"))
    turkish.title = "Dayanışma Derneği"
    turkish.save_revision().publish()
    block = TranslationChooserBlock(page_type="services_map.AgencyPage", required=False)
    chosen = block.clean(AgencyPage.objects.get(pk=turkish.pk))
    assert chosen == asam
    assert block.get_prep_value(chosen) == asam.pk
    # An agenda saved before shows the agency as chosen.
    assert block.get_form_state(AgencyPage.objects.get(pk=turkish.pk)) == [str(asam.pk)]


def test_an_agenda_item_without_an_agency_is_saved_without_one():
    block = TranslationChooserBlock(page_type="services_map.AgencyPage", required=False)
    assert block.value_from_datadict({"presenter": ""}, {}, "presenter") is None
