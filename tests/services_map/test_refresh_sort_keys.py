"""manage.py refresh_sort_keys: the stored sort keys brought back in step with the titles."""

import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from wagtail.models import Locale

from iswg_portal.core.collation import sort_key
from services_map.models import ServicePage
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def refresh(*args):
    out = io.StringIO()
    call_command("refresh_sort_keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def outdated(asam):
    """A service whose stored key was made by another ICU version than the one installed."""
    service = build.service(asam, "Çocuk koruma")
    ServicePage.objects.filter(pk=service.pk).update(title_sort_key="00")
    return service


def test_a_saved_service_has_the_sort_key_of_its_title_in_its_language(asam):
    service = build.service(asam, "Çocuk koruma")
    assert service.title_sort_key == sort_key("Çocuk koruma", "en")


def test_refresh_gives_an_outdated_service_the_key_of_its_title(outdated):
    assert refresh().startswith("1 of 1 services got a new sort key")
    outdated.refresh_from_db()
    assert outdated.title_sort_key == sort_key("Çocuk koruma", "en")
    assert refresh().startswith("0 of 1 services got a new sort key")


def test_dry_run_counts_and_changes_nothing(outdated):
    assert refresh("--dry-run").startswith("1 of 1 services would get a new sort key")
    outdated.refresh_from_db()
    assert outdated.title_sort_key == "00"


def test_a_translation_has_the_sort_key_of_its_own_language(asam):
    service = build.service(asam, "İzmir desk")
    translation = service.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    translation.title = "İzmir masası"
    translation.save_revision().publish()
    translation.refresh_from_db()
    assert translation.title_sort_key == sort_key("İzmir masası", "tr")
    assert translation.title_sort_key != sort_key("İzmir masası", "en")


def test_the_migration_fills_the_keys_of_existing_services(outdated):
    migration = importlib.import_module("services_map.migrations.0009_title_sort_key")
    migration.fill_title_sort_keys(django_apps, schema_editor=None)
    outdated.refresh_from_db()
    assert outdated.title_sort_key == sort_key("Çocuk koruma", "en")
