"""The directory's part of a co-chair's admin home: coverage by province (and district) and
sector with its gaps, stale listings, approvals and problem reports, the searches that found
nothing; every number the length of the list its link opens, every table a CSV in the reader's
language; none of it for group leads or agency editors."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS
from iswg_portal.core.time import local_today
from services_map.models import ProblemReport, SearchMiss, ServicePage
from tests.admin_home import dashboard, queries_for_dashboard, words
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.factories.meetings import make_group
from tests.services_map.test_moderation import submit_change

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(scope="module")
def world(module_data):
    """Protection (with Legal aid below it) and Health given in İzmir and Muğla, Education
    nowhere; an internal, a closed and an unconfirmed listing; a Turkish translation."""
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    moh = build.agency(directory, "Ministry of Health", "MoH")
    protection = build.category("Protection")
    legal = build.category("Legal aid", parent=protection)
    health = build.category("Health")
    build.category("Education")
    for slug in ("isparta", "kutahya"):
        build.province(slug)
    turkish = Locale.objects.get(language_code="tr")
    protection_tr = protection.copy_for_translation(turkish)
    protection_tr.name = "Koruma"
    protection_tr.save()

    fresh = {"last_verified": TODAY}
    legal_desk = build.service(
        asam, "Legal counselling", place=("izmir", "Buca"), categories=[legal], **fresh
    )
    build.service(
        asam, "Protection desk", place=("izmir", "Buca"), categories=[protection], **fresh
    )
    build.service(moh, "Migrant health centre", place=("mugla", "Bodrum"), categories=[health])
    build.service(
        asam,
        "Partner referral line",
        place=("izmir", "Konak"),
        categories=[protection],
        is_internal=True,
        **fresh,
    )
    build.service(
        asam,
        "Old shelter",
        place=("izmir", "Konak"),
        categories=[protection],
        status=ServicePage.Status.CLOSED,
        **fresh,
    )
    legal_tr = legal_desk.copy_for_translation(turkish, copy_parents=True)
    legal_tr.title = "Hukuki danışmanlık"
    legal_tr.save_revision().publish()
    ProblemReport.objects.create(service=legal_desk, kind=ProblemReport.Kind.WRONG_PHONE)
    ProblemReport.objects.create(
        service=legal_desk, kind=ProblemReport.Kind.OTHER, status=ProblemReport.Status.FIXED
    )
    for language, provinces, times in (
        ("ar", "izmir", 3),
        ("tr", "izmir,mugla", 2),
        ("fa", "", 4),
    ):
        for _time in range(times):
            SearchMiss.objects.create(
                day=local_today(), language=language, provinces=provinces, result_count=0
            )
    return {
        "asam": asam,
        "co_chair": UserFactory(role=CO_CHAIRS),
        "co_chair_tr": UserFactory(role=CO_CHAIRS, preferred_language="tr"),
        "co_chair_ar": UserFactory(role=CO_CHAIRS, preferred_language="ar"),
        "editor": UserFactory(role=AGENCY_EDITORS, organisation=asam),
        "lead": UserFactory(role=GROUP_LEADS, organisation=make_group(directory.get_parent())),
    }


def table(page, table_id):
    """A table of the overview as {row heading: {column heading: cell}}."""
    found = page.find("table", id=table_id)
    assert found is not None, f"no table {table_id}"
    columns = [words(th) for th in found.thead.find_all("th")]
    rows = {}
    for tr in found.tbody.find_all("tr"):
        cells = tr.find_all(["th", "td"])
        rows[words(cells[0])] = dict(zip(columns[1:], cells[1:], strict=True))
    return rows


def count_of(cell):
    return int(words(cell).split()[0])


def titles_behind(client, cell):
    """The titles the list behind a cell's link shows."""
    response = client.get(cell.find("a")["href"])
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return sorted(words(title) for title in page.select(".portal-desk__title"))


def test_coverage_counts_each_live_public_service_once_by_province_and_sector(client, world):
    coverage = table(dashboard(client, world["co_chair"]), "coverage")
    assert count_of(coverage["İzmir"]["Protection"]) == 2  # Legal aid counts in its sector
    assert count_of(coverage["İzmir"]["All sectors"]) == 2  # not internal, not closed
    assert count_of(coverage["Muğla"]["Health"]) == 1
    assert count_of(coverage["İzmir"]["Health"]) == 0


def test_an_empty_cell_is_marked_as_a_gap_for_eyes_and_for_screen_readers(client, world):
    coverage = table(dashboard(client, world["co_chair"]), "coverage")
    gap = coverage["İzmir"]["Education"]
    assert "portal-overview__gap" in gap["class"]
    assert "gap" in words(gap.find(attrs={"aria-hidden": "true"}))
    assert words(gap.find(class_="w-sr-only")) == "None: a gap"
    assert "portal-overview__gap" not in coverage["İzmir"]["Protection"]["class"]


def test_each_coverage_count_opens_the_list_of_the_same_services(client, world):
    coverage = table(dashboard(client, world["co_chair"]), "coverage")
    for province, sector, expected in (
        ("İzmir", "Protection", ["Legal counselling", "Protection desk"]),
        ("İzmir", "Education", []),
        ("Muğla", "All sectors", ["Migrant health centre"]),
    ):
        cell = coverage[province][sector]
        assert titles_behind(client, cell) == expected
        assert count_of(cell) == len(expected)


def test_a_province_opens_its_districts_by_sector(client, world):
    page = dashboard(client, world["co_chair"])
    link = page.find("table", id="coverage").find("a", string="İzmir")
    response = client.get(link["href"])
    assert response.status_code == 200
    districts = table(BeautifulSoup(response.content, "html.parser"), "coverage-izmir")
    assert count_of(districts["Buca"]["Protection"]) == 2
    assert "portal-overview__gap" in districts["Konak"]["Protection"]["class"]
    assert titles_behind(client, districts["Buca"]["Protection"]) == [
        "Legal counselling",
        "Protection desk",
    ]


def test_the_counts_at_the_top_match_their_lists(client, world):
    page = dashboard(client, world["co_chair"])
    counts = {words(item): item.find("a")["href"] for item in page.select(".w-summary li")}
    # Live listings a co-chair may find: the internal one too; unconfirmed: the health centre.
    assert "4 live services" in counts
    assert "1 not confirmed for 180 days" in counts
    assert "1 open problem report" in counts
    assert "0 waiting for approval" in counts
    stale = client.get(counts["1 not confirmed for 180 days"])
    assert "Migrant health centre" in words(BeautifulSoup(stale.content, "html.parser"))
    every = BeautifulSoup(client.get(counts["4 live services"]).content, "html.parser")
    assert len(every.select(".portal-desk__title")) == 4
    reports = BeautifulSoup(client.get(counts["1 open problem report"]).content, "html.parser")
    rows = reports.select("table.listing tbody tr")
    assert len(rows) == 1
    assert "The phone number is wrong" in words(rows[0])


def test_searches_that_found_nothing_by_province_and_language_match_the_report(client, world):
    searches = table(dashboard(client, world["co_chair"]), "searches-not-found")
    assert count_of(searches["İzmir"]["Arabic"]) == 3
    assert count_of(searches["İzmir"]["All languages"]) == 5
    assert count_of(searches["Muğla"]["Turkish"]) == 2
    assert count_of(searches["No province chosen"]["Persian"]) == 4
    report = client.get(searches["No province chosen"]["Persian"].find("a")["href"])
    assert report.status_code == 200
    times = BeautifulSoup(report.content, "html.parser").select("td")
    assert "4" in [words(cell) for cell in times]


def test_names_are_in_the_readers_language_and_alphabet(client, world):
    turkish = table(dashboard(client, world["co_chair_tr"]), "coverage")
    assert count_of(turkish["İzmir"]["Koruma"]) == 2
    # Turkish order: Isparta, İzmir, Kütahya (İ after I).
    order = [name for name in turkish if name in ("Isparta", "İzmir", "Kütahya")]
    assert order == ["Isparta", "İzmir", "Kütahya"]
    arabic = table(dashboard(client, world["co_chair_ar"]), "coverage")
    assert "إزمير (İzmir)" in arabic


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    delimiter = ";" if ";" in body.splitlines()[0] else ","
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def test_the_coverage_downloads_as_csv_with_what_the_table_shows(client, world):
    client.force_login(world["co_chair"])
    response = client.get("/admin/overview/coverage.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header = rows[0]
    izmir = next(row for row in rows if row[0] == "İzmir")
    assert izmir[header.index("Protection")] == "2"
    assert izmir[header.index("Education")] == "0"


def test_a_turkish_co_chair_gets_a_csv_excel_in_turkish_splits_into_columns(client, world):
    client.force_login(world["co_chair_tr"])
    body = client.get("/admin/overview/coverage/izmir.csv").content.decode("utf-8")
    header = body.lstrip("\ufeff").splitlines()[0]
    assert header.split(";")[0] == "İlçe"
    assert "Koruma" in header.split(";")


@pytest.mark.parametrize("role", ["editor", "lead"])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/overview/coverage.csv",
        "/admin/overview/coverage/izmir/",
        "/admin/overview/coverage/izmir.csv",
        "/admin/overview/services/?province=izmir",
        "/admin/overview/searches-not-found.csv",
    ],
)
def test_group_leads_and_agency_editors_may_not_open_the_overview(client, world, role, url):
    client.force_login(world[role])
    assert client.get(url).status_code == 403


def test_nobody_but_co_chairs_sees_the_overview_on_their_home(client, world):
    for role in ("editor", "lead"):
        page = dashboard(client, world[role])
        assert page.find("table", id="coverage") is None
        assert page.find("table", id="searches-not-found") is None


def test_an_unknown_province_district_or_sector_is_not_found(client, world):
    client.force_login(world["co_chair"])
    for url in (
        "/admin/overview/coverage/atlantis/",
        "/admin/overview/services/?province=atlantis",
        "/admin/overview/services/?district=buca",
        "/admin/overview/services/?province=izmir&district=bodrum",
        "/admin/overview/services/?sector=astrology",
    ):
        # Outside a language prefix, a 404 is first sent to try the address under one.
        assert client.get(url, follow=True).status_code == 404, url


def test_the_overview_takes_as_many_queries_for_five_services_as_for_twelve(client, world):
    queries_for_dashboard(client, world["co_chair"])  # Wagtail's caches filled
    before = queries_for_dashboard(client, world["co_chair"])
    health = build.category("Health")
    for number in range(7):
        build.service(
            world["asam"],
            f"Extra service {number}",
            place=("izmir", "Konak") if number % 2 else ("mugla", "Bodrum"),
            categories=[health],
            last_verified=TODAY - datetime.timedelta(days=200),
        )
    # Publishing changed the directory's version: its cached restricted paths are read again.
    queries_for_dashboard(client, world["co_chair"])
    assert queries_for_dashboard(client, world["co_chair"]) == before
    assert "11 live services" in words(dashboard(client, world["co_chair"]))


def test_a_change_waiting_for_approval_is_counted_and_listed_in_the_workflow_report(client, world):
    service = ServicePage.objects.get(title="Protection desk")
    client.force_login(world["editor"])
    submit_change(client, service, "Protection desk – new hours")
    page = dashboard(client, world["co_chair"])
    link = next(
        item.find("a")
        for item in page.select(".w-summary li")
        if "waiting for approval" in words(item)
    )
    assert words(link) == "1 waiting for approval"
    report = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    rows = report.select("table.listing tbody tr")
    assert len(rows) == 1
    assert "Protection desk" in words(rows[0])
