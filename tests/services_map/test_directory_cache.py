"""What the directory caches (restricted sections, facet counts, vocabularies) lives in the cache
every app server shares, and a change to who may see a service reaches the very next search."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from services_map.models import ServiceDirectoryPage
from services_map.restrictions import private_paths_key
from tests.factories import services_map as build


@pytest.fixture
def shared_cache(settings, db):
    """The cache production shares between its servers: Redis when the tests have one, the
    database otherwise."""
    if not settings.REDIS_URL:
        settings.CACHES = {"default": settings.DATABASE_CACHE}
        call_command("createcachetable", verbosity=0)
    cache.clear()


@pytest.fixture
def helpline(directory, shared_cache):
    """A listed service of an agency that may later be closed to the public."""
    agency = build.agency(directory, "Closed network", "CN")
    return build.service(agency, "Restricted helpline")


def listed(client, query="helpline"):
    response = client.get("/en/services/", {"q": query})
    assert response.status_code == 200
    return "Restricted helpline" in response.content.decode()


def test_restricting_an_agency_hides_its_services_from_the_next_anonymous_search(client, helpline):
    assert listed(client)
    PageViewRestriction.objects.create(page=helpline.get_parent(), restriction_type="login")
    assert not listed(client)


def test_a_search_answered_elsewhere_while_a_restriction_was_saved_is_not_kept(
    client, helpline, django_capture_on_commit_callbacks
):
    assert listed(client)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=helpline.get_parent(), restriction_type="login")
        # Another server searched before this commit: it read no restriction and cached that.
        cache.set(private_paths_key(), [], 300)
    assert not listed(client)


def test_moving_a_restricted_agency_keeps_its_services_out_of_the_directory(client, helpline):
    agency = helpline.get_parent()
    PageViewRestriction.objects.create(page=agency, restriction_type="login")
    assert not listed(client)
    turkish_directory = ServiceDirectoryPage.objects.exclude(pk=agency.get_parent().pk).first()
    agency.move(turkish_directory, pos="last-child")
    assert not listed(client, "restricted helpline")


def test_marking_a_service_internal_hides_it_from_the_next_anonymous_search(client, helpline):
    assert listed(client)
    helpline.is_internal = True
    helpline.save_revision().publish()
    assert not listed(client)


def test_deleting_an_agency_removes_its_services_from_the_next_search(client, helpline):
    assert listed(client)
    helpline.get_parent().delete()
    assert not listed(client)
