"""A page not yet translated into the visitor's language is shown in its original language, at
the visitor's language's address, with a note in the visitor's language."""

import pytest
from wagtail.models import Locale

from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_only(home_page):
    directory = build.directory_page()
    agency = build.agency(directory, title="Support to Life", acronym="STL")
    service = build.service(agency, "Hygiene kits for families")
    return agency, service


def test_an_untranslated_service_is_shown_in_english_at_the_arabic_address(client, english_only):
    agency, service = english_only
    path = service.url.replace("/en/", "/ar/", 1)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hygiene kits for families" in html
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="translation-note"' in html
    assert '<div lang="en">' in html


def test_the_note_is_written_in_the_visitors_language(client, english_only):
    agency, service = english_only
    html = client.get(service.url.replace("/en/", "/tr/", 1)).content.decode()
    note = html.split('class="translation-note"', 1)[1].split("</p>", 1)[0]
    assert "English" in note
    assert "This page is not translated" not in note


def test_a_translated_service_is_shown_in_the_visitors_language_without_a_note(
    client, english_only
):
    agency, service = english_only
    turkish_agency = agency.copy_for_translation(Locale.objects.get(language_code="tr"))
    turkish_agency.save_revision().publish()
    turkish = service.copy_for_translation(Locale.objects.get(language_code="tr"))
    turkish.title = "Aileler için hijyen kitleri"
    turkish.save_revision().publish()
    html = client.get(service.url.replace("/en/", "/tr/", 1)).content.decode()
    assert "Aileler için hijyen kitleri" in html
    assert 'class="translation-note"' not in html


def test_an_english_page_at_its_own_address_has_no_note(client, english_only):
    agency, service = english_only
    assert 'class="translation-note"' not in client.get(service.url).content.decode()


def test_a_path_that_exists_in_no_language_is_still_not_found(client, english_only):
    agency, service = english_only
    assert client.get(f"/ar/services/{agency.slug}/no-such-service/").status_code == 404
    assert client.get("/ar/services/no-such-agency/").status_code == 404


def test_the_arabic_directory_links_to_untranslated_services_under_ar(client, english_only):
    agency, service = english_only
    html = client.get("/ar/services/").content.decode()
    assert f'href="/ar/services/{agency.slug}/{service.slug}/"' in html
    assert f'href="/en/services/{agency.slug}/' not in html


def test_an_untranslated_thematic_group_is_shown_under_ar(client, home_page):
    group = meeting_factories.make_group(home_page, title="Health Working Group")
    response = client.get(group.url.replace("/en/", "/ar/", 1))
    assert response.status_code == 200
    assert "Health Working Group" in response.content.decode()
