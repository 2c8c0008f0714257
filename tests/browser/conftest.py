"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os

import pytest
from django.db import connections

from tests.conftest import kept_data
from tests.factories.meetings import translate

CHROMIUM = "/usr/bin/chromium"
# axe-core's rules that are on by default (WCAG 2.0, 2.1 and 2.2 A and AA, and best practices),
# and the WCAG 2.2 AA target size rule that axe leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


@pytest.fixture(scope="session")
def chromium(allow_orm_beside_playwright):
    """One headless Chromium for the session; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    # The test's database connections, kept: Playwright's sync API hands control back to the
    # tests in a context of its own (contextvars), where Django would open new ones. On SQLite
    # a new connection to the in-memory database would not count the changes the snapshot
    # compares (tests/snapshot.py), and the first test after the browser starts would build
    # its kept data again.
    kept = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in kept.items():
            connections[alias] = wrapper
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
    between browser steps (and the database flush after them) are still synchronous and safe."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page(chromium):
    """A fresh page at phone width that refuses every request to another host. The offline
    worker is blocked: installing it fetches the home, directory and offline pages again for
    every test, which only test_offline.py and test_weight.py are about."""
    yield from guarded_page(chromium, service_workers="block")


def guarded_page(chromium, **context_options):
    """A fresh page at phone width in a context of its own that refuses every request to another
    host (recorded in page.foreign_requests); its context is closed after the test."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, **context_options)
    foreign_requests = []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.foreign_requests = foreign_requests
    yield page
    context.close()


# A small portal for the page-by-page checks: two services of one agency and a thematic group
# with a public and a members-only meeting, each in English and Arabic. Built by the first test
# that asks and put back from a snapshot for the next ones (kept_data), since the live server's
# tests cannot share a transaction; the demo seeder is far too slow.

ARABIC = {
    "agency": ("جمعية التضامن مع طالبي اللجوء", "<p>منظمة غير حكومية تعمل مع اللاجئين.</p>"),
    "legal": ("استشارات قانونية في بوجا", "نصائح مجانية حول حقوقك والإجراءات القانونية."),
    "shelter": ("مأوى النساء", "إقامة آمنة للنساء المعرضات للخطر."),
    "groups": "مجموعات العمل",
    "meetings": "الاجتماعات",
    "group": ("مجموعة العمل المشتركة بين القطاعات", "تنسيق الاستجابة للاجئين في منطقة إيجه."),
    "meeting": "الاجتماع العام لشهر مارس",
    "members_meeting": "اجتماع الأعضاء لشهر أبريل",
}


@pytest.fixture
def directory_site(home_page):
    """The directory with ASAM, an ordinary service and a protection-sensitive one, in English
    and Arabic: {"en": {"agency": page, "legal": page, "shelter": page}, "ar": {...}}."""
    return kept_data("directory_site", lambda: build_directory_site(home_page))


def build_directory_site(home_page):
    from django.utils import timezone

    from tests.factories import services_map as build

    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity with Asylum Seekers", "ASAM")
    asam.description = "<p>A non-governmental organisation working with refugees.</p>"
    asam.website = "https://asam.example/"
    asam.email = "info@asam.example"
    asam.phone = "+90 232 421 00 00"
    asam.save_revision().publish()
    legal_aid = build.category("Legal aid")
    arabic = build.language("ar", "Arabic", "العربية")
    turkish = build.language("tr", "Turkish", "Türkçe")
    legal = build.service(
        asam,
        "Legal counselling in Buca",
        summary="Free advice on your rights and legal procedures.",
        description="<p>A lawyer explains your rights and the next steps.</p>",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
        schedules=build.weekdays("09:00", "17:00"),
        phones=("+90 232 449 44 30", "0533 702 18 46"),
        languages=[arabic, turkish],
        categories=[legal_aid],
        population_groups=["women-at-risk"],
        eligibility_description="Anyone under temporary protection living in İzmir.",
        documents_required="Your kimlik, if you have one.",
        email="buca@asam.example",
        website="https://asam.example/buca",
        last_verified=timezone.localdate(),
    )
    shelter = build.service(
        asam,
        "Women's shelter",
        summary="Safe accommodation for women at risk.",
        place=("izmir", "Karabağlar"),
        coordinates=(38.3740, 27.1280),
        schedules=build.weekdays("08:30", "18:00"),
        phones=("+90 232 000 11 22",),
        languages=[arabic],
        is_protection_sensitive=True,
        last_verified=timezone.localdate(),
    )
    name, description = ARABIC["agency"]
    pages = {"en": {"agency": asam, "legal": legal, "shelter": shelter}, "ar": {}}
    pages["ar"]["agency"] = translate(asam, "ar", title=name, description=description)
    for key, service in (("legal", legal), ("shelter", shelter)):
        title, summary = ARABIC[key]
        pages["ar"][key] = translate(service, "ar", title=title, summary=summary)
    return pages


@pytest.fixture
def meetings_site(home_page):
    """A thematic group with a held public meeting (agenda, minutes, action points) and an
    upcoming members-only one, in English and Arabic, and a member to see the tracker."""
    return kept_data("meetings_site", lambda: build_meetings_site(home_page))


def build_meetings_site(home_page):
    from django.utils import timezone

    from iswg_portal.accounts.roles import MEMBERS
    from meetings.models import MeetingPage, ThematicGroupPage
    from tests.factories import UserFactory
    from tests.factories.meetings import (
        groups_index,
        istanbul,
        make_agency,
        make_group,
        make_meeting,
        meetings_index,
    )

    today = timezone.localdate()
    unhcr = make_agency(home_page, "UNHCR", title="UN Refugee Agency", slug="unhcr")
    iom = make_agency(home_page, "IOM", title="International Organization for Migration")
    translate(groups_index(home_page), "ar", title=ARABIC["groups"])
    translate(meetings_index(home_page), "ar", title=ARABIC["meetings"])
    group = make_group(
        home_page,
        title="Inter-Sector Working Group",
        slug="iswg",
        sector=ThematicGroupPage.Sector.COORDINATION,
        summary="Coordinates the refugee response in the Aegean region.",
        lead_agency=unhcr,
        co_lead_agency=iom,
        focal_points=[
            {
                "name": "Focal UNHCR",
                "agency": unhcr,
                "email": "focal@unhcr.example",
                "phone": "+90 232 000 00 01",
            }
        ],
        members=[unhcr, iom],
    )
    held = make_meeting(
        group,
        title="March plenary",
        slug="march-plenary",
        start=istanbul(today.year - 1, 3, 12),
        status=MeetingPage.Status.HELD,
        online_link="https://meet.example/iswg",
        agenda=[
            {
                "title": "Protection updates",
                "presenter": unhcr,
                "minutes_allotted": 20,
                "discussion": "Partners shared updates on registration.",
                "outcomes": [
                    {"kind": "decision", "text": "Open a legal aid desk in Konak."},
                    {
                        "kind": "action_point",
                        "text": "Draft the desk's terms",
                        "responsible_agency": iom,
                        "due_date": today - timezone.timedelta(days=3),
                    },
                ],
            }
        ],
    )
    members_only = make_meeting(
        group,
        title="April members meeting",
        slug="april-members",
        start=istanbul(today.year + 1, 4, 9),
        visibility=MeetingPage.Visibility.MEMBERS,
        agenda=[{"title": "Referral pathways", "presenter": iom, "minutes_allotted": 30}],
    )
    title, summary = ARABIC["group"]
    pages = {
        "en": {"group": group, "meeting": held, "members_meeting": members_only},
        "ar": {
            "group": translate(group, "ar", title=title, summary=summary),
            "meeting": translate(held, "ar", title=ARABIC["meeting"]),
            "members_meeting": translate(members_only, "ar", title=ARABIC["members_meeting"]),
        },
        "member": UserFactory(email="member@agency.example", role=MEMBERS),
    }
    return pages


def sign_in(page, live_server_url, user):
    """Give the browser page a session of this person, as if they had signed in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )


def axe_check(page):
    """axe-core's results for the page as it is now, WCAG 2.2 AA and best practices."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context="html", options=AXE_OPTIONS)
