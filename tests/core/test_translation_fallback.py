"""A page not yet translated into the visitor's language is shown in its original language, at
the visitor's language's address, with a note in the visitor's language."""

import pytest
from wagtail.models import Locale

from iswg_portal.core.locales import site_home_page
from tests.conftest import read_again
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def english_content(module_data):
    """Pages in English only: Support to Life with its service Hygiene kits for families, and
    the Health Working Group with its meeting Health WG, January (8 January 2031)."""
    home = site_home_page()
    directory = build.directory_page()
    agency = build.agency(directory, title="Support to Life", acronym="STL")
    service = build.service(agency, "Hygiene kits for families")
    group = meeting_factories.make_group(home, title="Health Working Group")
    meeting = meeting_factories.make_meeting(
        group, title="Health WG, January", start=meeting_factories.istanbul(2031, 1, 8)
    )
    return {"agency": agency, "service": service, "group": group, "meeting": meeting}


@pytest.fixture
def english_only(english_content, db):
    """Support to Life and its service, in English only (see english_content), read anew."""
    return read_again((english_content["agency"], english_content["service"]))


@pytest.fixture
def group(english_content, db):
    """The Health Working Group, in English only (see english_content), read anew."""
    return read_again(english_content["group"])


@pytest.fixture
def meeting(english_content, db):
    """The Health Working Group's meeting Health WG, January, in English only (see
    english_content), read anew."""
    return read_again(english_content["meeting"])


def test_an_untranslated_service_is_shown_in_english_at_the_arabic_address(client, english_only):
    agency, service = english_only
    path = service.url.replace("/en/", "/ar/", 1)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hygiene kits for families" in html
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="translation-note"' in html
    # The page's own English words read left to right inside the right-to-left Arabic frame;
    # the interface around them (headings, buttons) stays Arabic and unmarked.
    assert '<h1 id="service-title" lang="en" dir="ltr">Hygiene kits for families</h1>' in html
    assert '<p class="lead" lang="en" dir="ltr">' in html
    assert '<h2 id="who-heading">' in html
    assert "Who it is for" not in html


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


def test_a_page_in_the_visitors_language_marks_no_words(client, english_only):
    agency, service = english_only
    html = client.get(service.url).content.decode()
    assert '<h1 id="service-title">Hygiene kits for families</h1>' in html
    assert '<p class="lead">' in html


def test_an_untranslated_thematic_group_marks_its_title_as_english_under_ar(client, group):
    html = client.get(group.url.replace("/en/", "/ar/", 1)).content.decode()
    assert '<h1 lang="en" dir="ltr">Health Working Group</h1>' in html


def test_the_arabic_directory_marks_an_untranslated_listing_as_english(client, english_only):
    html = client.get("/ar/services/").content.decode()
    title = html.split('class="directory-result__title"', 1)[1].split("</h3>", 1)[0]
    assert title.startswith(' lang="en" dir="ltr">')
    assert '<span class="badge badge--language">English</span>' in title
    summary = html.split('class="directory-result__summary"', 1)[1].split(">", 1)[0]
    assert summary == ' lang="en" dir="ltr"'


def test_a_translated_listing_carries_no_language_mark(client, english_only):
    agency, service = english_only
    arabic = Locale.objects.get(language_code="ar")
    agency.copy_for_translation(arabic).save_revision().publish()
    translation = service.copy_for_translation(arabic)
    translation.title = "مستلزمات النظافة للعائلات"
    translation.save_revision().publish()
    html = client.get("/ar/services/").content.decode()
    assert "مستلزمات النظافة للعائلات" in html
    assert 'class="directory-result__title">' in html
    assert "badge--language" not in html


def test_an_untranslated_thematic_group_is_shown_under_ar(client, group):
    response = client.get(group.url.replace("/en/", "/ar/", 1))
    assert response.status_code == 200
    assert "Health Working Group" in response.content.decode()


def test_lists_mark_untranslated_meetings_and_groups_as_english(client, meeting):
    home = client.get("/ar/").content.decode()
    assert '<a href="/ar/' in home
    assert 'lang="en" dir="ltr">Health WG, January</a>' in home
    assert '<span lang="en" dir="ltr">Health Working Group</span>' in home
    groups = client.get("/ar/groups/").content.decode()
    assert '<h2 lang="en" dir="ltr"><a href="/ar/groups/' in groups
    english_home = client.get("/en/").content.decode()
    assert 'lang="en" dir="ltr">Health WG, January' not in english_home


def test_the_note_names_pashto_and_kurmanji_in_themselves(client, english_only):
    agency, service = english_only
    pashto = client.get(service.url.replace("/en/", "/ps/", 1)).content.decode()
    assert "پښتو" in pashto.split('class="translation-note"', 1)[1].split("</p>", 1)[0]
    kurmanji = client.get(service.url.replace("/en/", "/kmr/", 1)).content.decode()
    assert "Kurmancî" in kurmanji.split('class="translation-note"', 1)[1].split("</p>", 1)[0]


def test_an_agency_page_marks_its_untranslated_services_as_english(client, english_only):
    agency, service = english_only
    html = client.get(agency.url.replace("/en/", "/ar/", 1)).content.decode()
    assert '<h3 lang="en" dir="ltr"><a href="/ar/services/' in html
    assert '<p lang="en" dir="ltr">' in html


def test_an_untranslated_meeting_names_its_group_in_the_visitors_language(client, group, meeting):
    arabic = group.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.title = "مجموعة عمل الصحة"
    arabic.save_revision().publish()
    html = client.get(meeting.url.replace("/en/", "/ar/", 1)).content.decode()
    assert f'<a href="{arabic.url}">مجموعة عمل الصحة</a>' in html
    assert '<p class="meeting__group">مجموعة عمل الصحة</p>' in html
    assert '<h1 lang="en" dir="ltr">Health WG, January</h1>' in html


def test_an_untranslated_meetings_untranslated_group_is_marked_as_english(client, group, meeting):
    html = client.get(meeting.url.replace("/en/", "/ar/", 1)).content.decode()
    group_url = group.url.replace("/en/", "/ar/", 1)
    assert f'<a href="{group_url}" lang="en" dir="ltr">Health Working Group</a>' in html
    assert '<p class="meeting__group" lang="en" dir="ltr">Health Working Group</p>' in html


@pytest.fixture
def english_and_persian(english_only):
    """The service and its agency in English and in Persian, not in Pashto."""
    agency, service = english_only
    persian = Locale.objects.get(language_code="fa")
    agency.copy_for_translation(persian).save_revision().publish()
    translation = service.copy_for_translation(persian)
    translation.title = "بسته‌های بهداشتی برای خانواده‌ها"
    translation.save_revision().publish()
    return agency, service


def test_a_pashto_reader_gets_the_persian_translation_before_the_english_page(
    client, english_and_persian
):
    agency, service = english_and_persian
    response = client.get(service.url.replace("/en/", "/ps/", 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ps" dir="rtl">' in html
    assert '<h1 id="service-title" lang="fa" dir="rtl">بسته‌های بهداشتی برای خانواده‌ها</h1>' in html


def test_the_pashto_directory_lists_the_persian_translation(client, english_and_persian):
    html = client.get("/ps/services/").content.decode()
    assert "بسته‌های بهداشتی برای خانواده‌ها" in html
    assert ">Hygiene kits for families<" not in html


def test_the_pashto_agency_page_lists_the_persian_translation(client, english_and_persian):
    agency, service = english_and_persian
    html = client.get(agency.url.replace("/en/", "/ps/", 1)).content.decode()
    assert "بسته‌های بهداشتی برای خانواده‌ها" in html
    assert ">Hygiene kits for families<" not in html


def test_a_kurmanji_reader_gets_the_turkish_translation_before_the_english_page(
    client, english_only
):
    agency, service = english_only
    turkish = Locale.objects.get(language_code="tr")
    agency.copy_for_translation(turkish).save_revision().publish()
    translation = service.copy_for_translation(turkish)
    translation.title = "Aileler için hijyen kitleri"
    translation.save_revision().publish()
    html = client.get(service.url.replace("/en/", "/kmr/", 1)).content.decode()
    assert '<h1 id="service-title" lang="tr" dir="ltr">Aileler için hijyen kitleri</h1>' in html


def test_a_pashto_reader_sees_categories_named_in_persian_before_english(client, english_only):
    agency, _ = english_only
    health = build.category("Health care")
    persian = health.copy_for_translation(Locale.objects.get(language_code="fa"))
    persian.name = "مراقبت‌های بهداشتی"
    persian.save()
    service = build.service(agency, "Mobile clinic", categories=[health])
    page = client.get(service.url.replace("/en/", "/ps/", 1)).content.decode()
    directory = client.get("/ps/services/").content.decode()
    assert "مراقبت‌های بهداشتی" in page
    assert "مراقبت‌های بهداشتی" in directory
    assert "Health care" not in page
