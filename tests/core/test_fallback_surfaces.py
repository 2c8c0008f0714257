"""A Pashto reader reads Persian before English, a Kurmanji reader Turkish before English
(settings.FALLBACK_LANGUAGES), on every surface beyond the directory's list and the service
page: the print sheet, the map's data, the offline copies, thematic groups and meetings, and
the language switcher's links."""

import re

import pytest
from wagtail.models import Locale

from iswg_portal.core.middleware import OFFLINE_COPY_HEADER
from tests.conftest import read_again, shared_pages
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

ENGLISH = "Hygiene kits for families"
TITLES = {"fa": "بسته‌های بهداشتی برای خانواده‌ها", "tr": "Aileler için hijyen kitleri"}
# Each reader, and the language they read before English.
READERS = [("ps", "fa"), ("kmr", "tr")]


def publish_translation(page, language, title=None):
    """Publish the page's translation into `language`, its parents translated as needed."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    if title:
        copy.title = title
    copy.save_revision().publish()
    return copy


@pytest.fixture
def translated_service(service_for_module):
    """A service, and its agency, in English, Persian and Turkish; in neither Pashto nor
    Kurmanji: (agency, service), read again for the test."""
    return read_again(service_for_module)


@pytest.fixture(scope="module")
def service_for_module(module_data):
    """The translated service, built once for this module (its tests only read it)."""
    directory = build.directory_page()
    agency = build.agency(directory, title="Support to Life", acronym="STL")
    service = build.service(agency, ENGLISH, place=("izmir", "Konak"))
    for language, title in TITLES.items():
        publish_translation(agency, language)
        publish_translation(service, language, title)
    return agency, service


def shows_english_title(html):
    """Whether the English version's title is on the page (its location, copied with each
    translation, is named after it: "... office")."""
    return re.search(f"{ENGLISH}(?! office)", html) is not None


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_print_sheet_lists_the_nearest_translation(client, translated_service, reader, nearest):
    response = client.get(f"/{reader}/services/print/", {"province": "izmir"})
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLES[nearest] in html
    assert not shows_english_title(html)


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_map_data_names_the_nearest_translation(client, translated_service, reader, nearest):
    agency, service = translated_service
    markers = client.get(f"/{reader}/services/map/").json()["markers"]
    assert [marker[2] for marker in markers] == [TITLES[nearest]]
    assert markers[0][3] == f"/{reader}/services/{agency.slug}/{service.slug}/"


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_offline_copy_of_a_service_holds_the_nearest_translation(
    client, translated_service, reader, nearest
):
    agency, service = translated_service
    response = client.get(f"/{reader}/services/{agency.slug}/{service.slug}/")
    assert response[OFFLINE_COPY_HEADER] == "service"
    html = response.content.decode()
    assert f'<html lang="{reader}"' in html
    assert TITLES[nearest] in html
    assert not shows_english_title(html)


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_offline_copy_of_the_directory_holds_the_nearest_translation(
    client, translated_service, reader, nearest
):
    # The directory's first page is one of the start pages the worker keeps at install.
    response = client.get(f"/{reader}/services/")
    assert response[OFFLINE_COPY_HEADER] == "start"
    html = response.content.decode()
    assert TITLES[nearest] in html
    assert not shows_english_title(html)


GROUP_TITLES = {"en": "Health Working Group", "fa": "گروه کاری سلامت", "tr": "Sağlık Çalışma Grubu"}
MEETING_TITLES = {"en": "Health WG, January", "fa": "جلسه سلامت، ژانویه", "tr": "Sağlık ÇG, Ocak"}


@pytest.fixture
def translated_meeting(meeting_for_module):
    """A group and one of its meetings in English, Persian and Turkish: (group, meeting), read
    again for the test."""
    return read_again(meeting_for_module)


@pytest.fixture(scope="module")
def meeting_for_module(module_data):
    """The translated group and meeting, built once for this module (its tests only read them)."""
    group = meeting_factories.make_group(shared_pages(), title=GROUP_TITLES["en"])
    meeting = meeting_factories.make_meeting(group, title=MEETING_TITLES["en"])
    for language in TITLES:
        publish_translation(group, language, GROUP_TITLES[language])
        publish_translation(meeting, language, MEETING_TITLES[language])
    return group, meeting


def note_of(html):
    return html.split('class="translation-note"', 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_a_group_page_shows_the_nearest_translation(client, translated_meeting, reader, nearest):
    group, meeting = translated_meeting
    response = client.get(group.url.replace("/en/", f"/{reader}/", 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert f">{GROUP_TITLES[nearest]}</h1>" in html
    assert GROUP_TITLES["en"] not in html
    # The note names the language the group is shown in, in the reader's language.
    assert 'class="translation-note"' in html
    assert {"fa": "فارسی", "tr": "Türkçe"}[nearest] in note_of(html)


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_a_meeting_page_shows_the_nearest_translation(client, translated_meeting, reader, nearest):
    group, meeting = translated_meeting
    response = client.get(meeting.url.replace("/en/", f"/{reader}/", 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert f">{MEETING_TITLES[nearest]}</h1>" in html
    assert MEETING_TITLES["en"] not in html
    assert GROUP_TITLES[nearest] in html
    assert 'class="translation-note"' in html


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_groups_list_names_the_nearest_translation(client, translated_meeting, reader, nearest):
    html = client.get(f"/{reader}/groups/").content.decode()
    assert GROUP_TITLES[nearest] in html
    assert GROUP_TITLES["en"] not in html


def switcher_links(html):
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher)
    return {code: href for href, code in links}


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_language_switcher_leads_from_a_service_to_its_nearest_translation(
    client, translated_service, reader, nearest
):
    agency, service = translated_service
    link = switcher_links(client.get(service.url).content.decode())[reader]
    assert link == f"/{reader}/services/{agency.slug}/{service.slug}/"
    html = client.get(link).content.decode()
    assert TITLES[nearest] in html


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_language_switcher_leads_from_a_meeting_to_its_nearest_translation(
    client, translated_meeting, reader, nearest
):
    group, meeting = translated_meeting
    link = switcher_links(client.get(meeting.url).content.decode())[reader]
    assert link == meeting.url.replace("/en/", f"/{reader}/", 1)
    html = client.get(link).content.decode()
    assert f">{MEETING_TITLES[nearest]}</h1>" in html


@pytest.mark.parametrize(("reader", "nearest"), READERS)
def test_the_print_sheet_names_the_language_of_an_untranslated_entry(
    client, translated_service, reader, nearest
):
    html = client.get(f"/{reader}/services/print/", {"province": "izmir"}).content.decode()
    title = html.split('class="print-entry__title"', 1)[1].split("</h2>", 1)[0]
    badge = {"fa": "فارسی", "tr": "Türkçe"}[nearest]
    assert f'<span class="badge badge--language">{badge}</span>' in title


def test_the_print_sheet_marks_no_language_on_a_translated_entry(client, translated_service):
    html = client.get("/fa/services/print/", {"province": "izmir"}).content.decode()
    assert TITLES["fa"] in html
    assert "badge--language" not in html
