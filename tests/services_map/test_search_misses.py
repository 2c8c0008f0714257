"""Searches that found nothing or one service: recorded without anything about the person,
kept a year, counted in the co-chairs' report "What people looked for and did not find"."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.db import connection

from iswg_portal.core.time import local_today
from services_map.models import SearchMiss
from services_map.search_misses import iso_week
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/searches-not-found/"
REPORT_TITLE = "What people looked for and did not find"


@pytest.fixture(scope="module")
def directory_for_module(module_data):
    """Five health centres in İzmir and one legal desk in Manisa, built once for the module."""
    directory = build.directory_page()
    agency = build.agency(directory, "Association for Solidarity", "ASAM")
    health = build.category("Health")
    legal = build.category("Legal aid")
    for number in range(1, 6):
        build.service(
            agency, f"Health centre {number}", place=("izmir", "Buca"), categories=[health]
        )
    build.service(agency, "Legal counselling", place=("manisa", "Akhisar"), categories=[legal])
    return directory


@pytest.fixture(autouse=True)
def directory(directory_for_module):
    return directory_for_module


def search(client, query, lang="en"):
    response = client.get(f"/{lang}/services/{query}")
    assert response.status_code == 200
    return response


def recorded():
    return list(
        SearchMiss.objects.order_by("pk").values(
            "day", "language", "words", "filters", "provinces", "result_count"
        )
    )


def miss(days_ago=0, **fields):
    values = {"language": "en", "words": "dentist", "result_count": 0}
    values.update(fields)
    return SearchMiss.objects.create(
        day=local_today() - datetime.timedelta(days=days_ago), **values
    )


# --- Recording ------------------------------------------------------------------------------


def test_search_without_results_is_recorded_with_what_was_asked_only(client):
    html = search(client, "?q=dentist").content.decode()
    assert "0 services found" in html
    assert recorded() == [
        {
            "day": local_today(),
            "language": "en",
            "words": "dentist",
            "filters": "",
            "provinces": "",
            "result_count": 0,
        }
    ]


def test_a_recorded_search_holds_nothing_about_the_person():
    fields = {field.name for field in SearchMiss._meta.get_fields()}
    assert fields == {"id", "day", "language", "words", "filters", "provinces", "result_count"}


def test_signed_in_persons_search_is_recorded_without_their_account(client):
    client.force_login(UserFactory(role="Members"))
    search(client, "?q=dentist", lang="tr")
    assert [row["language"] for row in recorded()] == ["tr"]
    assert SearchMiss.objects.get().words == "dentist"


def test_search_with_one_result_is_recorded_with_its_count(client):
    search(client, "?q=counselling")
    assert [(row["words"], row["result_count"]) for row in recorded()] == [("counselling", 1)]


def test_search_with_five_results_is_not_recorded(client):
    html = search(client, "?category=health").content.decode()
    assert "5 services found" in html
    assert recorded() == []


def test_second_page_of_a_search_is_not_recorded(client):
    search(client, "?q=dentist&page=2")
    assert recorded() == []


def test_directory_without_words_or_filters_is_not_recorded(client):
    search(client, "?sort=name")
    assert recorded() == []


def test_print_sheet_and_map_data_are_not_recorded(client):
    assert client.get("/en/services/print/?q=dentist").status_code == 200
    assert client.get("/en/services/map/?q=dentist").status_code == 200
    assert recorded() == []


def test_words_are_folded_and_at_most_eight(client):
    search(client, "?q=İZMİR Sağlık diş hekimi çocuk için acil randevu gece bugün")
    assert SearchMiss.objects.get().words == "izmir saglik dis hekimi cocuk icin acil randevu"


def test_arabic_search_is_recorded_in_the_arabic_directory_with_its_province(client):
    search(client, "?q=طبيب+أسنان&province=izmir", lang="ar")
    row = recorded()[0]
    assert (row["language"], row["words"]) == ("ar", "طبيب اسنان")
    assert (row["filters"], row["provinces"]) == ("provinces=izmir", "izmir")


def test_filters_are_written_the_same_whatever_their_order_in_the_link(client):
    search(client, "?q=dentist&province=manisa&free=1&category=legal-aid&province=izmir")
    search(client, "?category=legal-aid&province=izmir&province=manisa&free=1&q=dentist")
    rows = recorded()
    assert rows[0] == rows[1]
    assert rows[0]["filters"] == "categories=legal-aid provinces=izmir,manisa free"
    assert rows[0]["provinces"] == "izmir,manisa"


def test_a_chosen_district_counts_for_its_province(client):
    konak = build.district("izmir", "Konak").pk
    search(client, f"?district={konak}")
    row = recorded()[0]
    assert (row["filters"], row["provinces"]) == ("districts=izmir/konak", "izmir")


def test_phone_numbers_and_email_addresses_are_not_kept(client):
    search(client, "?q=avukat 0532 123 45 67 ali.veli@example.com")
    assert SearchMiss.objects.get().words == "avukat"


def test_a_street_number_is_kept(client):
    search(client, "?q=1203 sokak")
    assert SearchMiss.objects.get().words == "1203 sokak"


def test_a_failed_write_still_shows_the_search_page(client, caplog):
    # The table gone makes the database itself refuse the write, as a full disk or a lost
    # connection would; on PostgreSQL the request's queries after it must still work.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE services_map_searchmiss RENAME TO services_map_searchmiss_gone")
    with caplog.at_level(logging.WARNING, logger="services_map.search_misses"):
        html = search(client, "?q=dentist").content.decode()
    assert "0 services found" in html
    assert "Could not record a directory search without results" in caplog.text


def test_no_more_than_the_daily_limit_is_recorded(client, settings):
    settings.SEARCH_MISS_DAILY_LIMIT = 2
    miss(days_ago=1)  # yesterday's searches do not count against today's
    for word in ("dentist", "pregnant", "optician"):
        search(client, f"?q={word}")
    assert SearchMiss.objects.filter(day=local_today()).count() == 2


# --- Retention ------------------------------------------------------------------------------


def test_searches_older_than_a_year_are_deleted_and_younger_ones_stay(settings):
    settings.SEARCH_MISS_RETENTION_DAYS = 365
    old = miss(days_ago=366)
    young = miss(days_ago=364)
    call_command("prune_search_misses", stdout=io.StringIO())
    assert not SearchMiss.objects.filter(pk=old.pk).exists()
    assert SearchMiss.objects.filter(pk=young.pk).exists()


def test_pruning_dry_run_deletes_nothing(settings, capsys):
    miss(days_ago=400)
    call_command("prune_search_misses", "--dry-run")
    assert "1 recorded search(es) older than 365 days would be deleted." in capsys.readouterr().out
    assert SearchMiss.objects.count() == 1


# --- The report -----------------------------------------------------------------------------


@pytest.fixture
def co_chair(client):
    client.force_login(UserFactory(role="Co-chairs"))
    return client


def report(client, query=""):
    response = client.get(REPORT_URL + query)
    assert response.status_code == 200
    return response.content.decode()


def test_report_lists_a_visitors_search_under_its_week(client):
    search(client, "?q=dentist")
    search(client, "?q=dentist")
    client.force_login(UserFactory(role="Co-chairs"))
    html = report(client)
    assert REPORT_TITLE in html
    assert f"Week {iso_week(local_today())} · English · No province chosen" in html
    assert "<bdi>dentist</bdi></td>" in html
    assert "<td>2</td>" in html


def test_report_counts_each_week_apart(co_chair):
    miss(days_ago=0)
    miss(days_ago=0)
    miss(days_ago=14)
    html = report(co_chair)
    this_week = iso_week(local_today())
    earlier = iso_week(local_today() - datetime.timedelta(days=14))
    assert html.index(f"Week {this_week}") < html.index(f"Week {earlier}")
    assert html.count("<bdi>dentist</bdi>") == 2


def test_report_shows_the_most_frequent_search_first(co_chair):
    miss(words="optician")
    miss(words="dentist")
    miss(words="dentist")
    html = report(co_chair)
    assert html.index("<bdi>dentist</bdi>") < html.index("<bdi>optician</bdi>")


def test_report_filters_by_language(co_chair):
    miss(language="ar", words="طبيب")
    miss(language="en", words="dentist")
    html = report(co_chair, "?language=ar")
    assert "طبيب" in html
    assert "dentist" not in html


def test_report_filters_by_province(co_chair):
    build.province("izmir")
    miss(words="dentist", provinces="aydin,izmir")
    miss(words="optician", provinces="manisa")
    html = report(co_chair, "?province=izmir")
    assert "dentist" in html
    assert "optician" not in html


def test_report_filters_by_a_range_of_weeks(co_chair):
    miss(words="dentist", days_ago=0)
    miss(words="optician", days_ago=21)
    miss(words="pharmacy", days_ago=42)
    weeks = f"?week_from={iso_week(local_today() - datetime.timedelta(days=28))}"
    weeks += f"&week_to={iso_week(local_today() - datetime.timedelta(days=14))}"
    html = report(co_chair, weeks)
    assert "optician" in html
    assert "dentist" not in html and "pharmacy" not in html


def test_report_downloads_as_csv(co_chair):
    miss(language="ar", words="طبيب", filters="provinces=izmir", provinces="izmir")
    miss(language="ar", words="طبيب", filters="provinces=izmir", provinces="izmir")
    build.province("izmir")
    response = co_chair.get(REPORT_URL + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Week,Language,Provinces,Words,Filters,Services found,Times searched"
    assert lines[1:] == [f"{iso_week(local_today())},Arabic,İzmir,طبيب,provinces=izmir,0,2"]


def test_report_is_in_the_reports_menu_of_a_co_chair(co_chair):
    assert REPORT_TITLE in co_chair.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["Agency editors", "Group leads"])
def test_report_is_refused_to_other_admin_roles(client, role):
    client.force_login(UserFactory(role=role))
    assert REPORT_TITLE not in client.get("/admin/").content.decode()
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert client.get(REPORT_URL + "?export=csv").status_code in (302, 403)
    assert client.get(REPORT_URL + "results/").status_code in (302, 403)


def test_report_asks_an_anonymous_visitor_to_sign_in(client):
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]
