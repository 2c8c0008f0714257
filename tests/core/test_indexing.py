"""Indexing once per batch of saves (iswg_portal/core/indexing.py): what a batch saved is found
by the directory's search backend and the reference index exactly as after ordinary saves,
once the batch ends, and a failed batch leaves nothing half indexed."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from iswg_portal.core.indexing import index_once
from services_map.models import District, ServicePage
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def index_titles(page):
    """The words of each of the page's titles in the search index, in order of the alphabet
    (SQLite keeps the title as written, PostgreSQL as a text search vector)."""
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(page), object_id=str(page.pk)
    )
    return [sorted(re.findall(r"[^\W\d_]+", entry.title.lower())) for entry in entries]


def words(title):
    return [sorted(title.lower().split())]


def references_to(district):
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(District),
        to_object_id=str(district.pk),
    )


@pytest.fixture
def agency(home_page):
    return build.agency(build.directory_page())


def test_a_page_saved_three_times_in_a_batch_is_indexed_once_as_it_ends(agency):
    with index_once():
        service = build.service(agency, "Legal counselling", publish=False)
        service.title = "Legal counselling in Buca"
        service.save_revision().publish()
        assert index_titles(service) == []
        with index_once():
            service.title = "Legal counselling in Konak"
            service.save()
        # The inner batch joins the outer one: nothing is indexed before the outer one ends.
        assert index_titles(service) == []
    assert index_titles(service) == words("Legal counselling in Konak")


def test_a_child_rows_references_are_recorded_for_its_page(agency):
    with index_once():
        service = build.service(agency, place=("izmir", "Buca"))
        buca = District.objects.get(name="Buca")
        assert not references_to(buca).exists()
    recorded = references_to(buca)
    assert {(reference.object_id, reference.model_path) for reference in recorded} == {
        (str(service.pk), "locations.item.district")
    }
    assert recorded.get().content_type == ContentType.objects.get_for_model(ServicePage)


def test_a_failed_batch_indexes_nothing_and_later_saves_are_indexed_again(agency):
    with pytest.raises(RuntimeError), index_once():
        service = build.service(agency, "Never finished")
        raise RuntimeError("the batch failed")
    assert index_titles(service) == []
    service.title = "Saved on its own"
    service.save()
    assert index_titles(service) == words("Saved on its own")


def test_a_page_deleted_in_a_batch_leaves_the_indexes(agency):
    service = build.service(agency, "Closed desk", place=("izmir", "Buca"))
    buca = District.objects.get(name="Buca")
    assert index_titles(service) == words("Closed desk")
    assert references_to(buca).exists()
    with index_once():
        ServicePage.objects.get(pk=service.pk).delete()
    assert index_titles(service) == []
    assert not references_to(buca).exists()
