"""The sitemap lists the live public pages in every language, on the site's real host."""

import datetime
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from home.demo import seed_site
from meetings.models import MeetingPage
from tests.factories import services_map as build
from tests.factories.meetings import make_group, make_meeting, meetings_index, publish

pytestmark = pytest.mark.django_db

HOST = "https://iswg.example.org"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NAMESPACES = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def translate(page, language):
    """A published translation of the page (its parent must be translated already)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    return publish(translation)


@pytest.fixture(scope="module")
def site_pages(django_db_setup, django_db_blocker):
    """A site with one page of each kind the sitemap must list or leave out, built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = seed_site(io.StringIO())
        directory = build.directory_page()
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        agency = build.agency(directory, "Open Door Association", "ODA")
        public = build.service(agency, "Open legal desk")
        pages = {
            "home": home,
            "agency": agency,
            "public": public,
            "agency_tr": translate(agency, "tr"),
            "public_tr": translate(public, "tr"),
            "internal": build.service(agency, "Referral line", is_internal=True),
            "ended": build.service(agency, "Old desk", end_date=yesterday),
            "closed": build.service(agency, "Shut desk", status="closed"),
            "restricted_agency": build.agency(directory, "Partners only", "POA"),
        }
        pages["restricted_service"] = build.service(pages["restricted_agency"], "Partner desk")
        PageViewRestriction.objects.create(
            page=pages["restricted_agency"], restriction_type=PageViewRestriction.LOGIN
        )
        meetings_index(home)
        group = make_group(home, title="Protection Working Group", slug="protection")
        pages["public_meeting"] = make_meeting(group, title="Open meeting")
        pages["members_meeting"] = make_meeting(
            group, title="Case conference", visibility=MeetingPage.Visibility.MEMBERS
        )
        pages["draft"] = build.service(agency, "Desk not yet published", publish=False)
        yield pages
        transaction.set_rollback(True)


@pytest.fixture
def public_host(settings):
    settings.SITE_URL = HOST


def sitemap(client):
    """The sitemap's entries as {address: {language: alternate address}}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own response
    entries = {}
    for url in root.findall("sm:url", NAMESPACES):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NAMESPACES)
        }
        entries[url.find("sm:loc", NAMESPACES).text] = alternates
    return entries


def paths(entries):
    """The paths of the sitemap's addresses, whatever host they name."""
    return {urlsplit(location).path for location in entries}


def address(page):
    """The page's public address as the sitemap should give it."""
    return HOST + page.get_url_parts()[2]


def test_sitemap_lists_the_home_page_in_every_language(site_pages, client, public_host):
    entries = sitemap(client)
    assert {f"{HOST}/{code}/" for code, _name in settings.LANGUAGES} <= set(entries)


def test_sitemap_addresses_are_on_the_sites_public_host(site_pages, client, public_host):
    entries = sitemap(client)
    assert entries
    assert all(location.startswith(f"{HOST}/") for location in entries)
    alternates = [href for links in entries.values() for href in links.values()]
    assert all(href.startswith(f"{HOST}/") for href in alternates)


def test_sitemap_never_names_localhost(site_pages, client, public_host):
    assert b"localhost" not in client.get("/sitemap.xml").content


def test_sitemap_lists_public_services_and_agencies(site_pages, client, public_host):
    entries = sitemap(client)
    for name in ("agency", "public", "agency_tr", "public_tr", "public_meeting"):
        assert address(site_pages[name]) in entries, name


def test_sitemap_lists_a_translated_page_under_its_own_language(site_pages, client, public_host):
    entries = sitemap(client)
    turkish, english = address(site_pages["public_tr"]), address(site_pages["public"])
    assert turkish.startswith(f"{HOST}/tr/") and turkish in entries
    assert english.startswith(f"{HOST}/en/") and english in entries


def in_language(page, language):
    """The page's address under a language's prefix, where it is shown in that language."""
    return f"{HOST}/{language}/" + page.get_url_parts()[2].split("/", 2)[2]


def test_translated_page_names_its_version_in_every_language_as_alternates(
    site_pages, client, public_host
):
    entries = sitemap(client)
    english, turkish = address(site_pages["public"]), address(site_pages["public_tr"])
    versions = {code: in_language(site_pages["public"], code) for code in LANGUAGES}
    versions.update({"en": english, "tr": turkish, "x-default": english})
    assert entries[english] == versions
    assert entries[turkish] == versions


def test_untranslated_page_is_listed_in_every_language(site_pages, client, public_host):
    entries = sitemap(client)
    meeting = site_pages["public_meeting"]
    for code in LANGUAGES:
        assert in_language(meeting, code) in entries, code
    assert entries[in_language(meeting, "ps")]["x-default"] == address(meeting)


def test_every_address_in_the_sitemap_answers_an_anonymous_visitor(site_pages, client, public_host):
    entries = sitemap(client)
    addresses = set(entries) | {href for links in entries.values() for href in links.values()}
    assert len(addresses) >= len(LANGUAGES) * 6
    for location in sorted(addresses):
        response = client.get(location.removeprefix(HOST))
        assert response.status_code == 200, location


def test_seeding_the_site_puts_its_public_host_on_wagtails_site_record(site_pages, settings):
    settings.SITE_URL = "https://iswg.example.org"
    seed_site(io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("iswg.example.org", 443)
    fresh = Page.objects.get(pk=site_pages["public"].pk)  # no site paths cached on it
    assert fresh.full_url == address(site_pages["public"])


@pytest.mark.parametrize("name", ["internal", "ended", "closed", "draft"])
def test_sitemap_leaves_out_services_the_public_cannot_find(site_pages, client, public_host, name):
    assert site_pages[name].get_url_parts()[2] not in paths(sitemap(client))


@pytest.mark.parametrize("name", ["restricted_agency", "restricted_service"])
def test_sitemap_leaves_out_pages_behind_a_view_restriction(site_pages, client, public_host, name):
    assert site_pages[name].get_url_parts()[2] not in paths(sitemap(client))


def test_sitemap_leaves_out_members_only_meetings(site_pages, client, public_host):
    listed = paths(sitemap(client))
    assert site_pages["public_meeting"].get_url_parts()[2] in listed
    assert site_pages["members_meeting"].get_url_parts()[2] not in listed


def test_signed_in_member_gets_the_same_public_sitemap(site_pages, client, public_host):
    from iswg_portal.accounts.roles import MEMBERS
    from tests.factories import UserFactory

    anonymous = sitemap(client)
    client.force_login(UserFactory(email="sitemap-member@agency.example", role=MEMBERS))
    assert sitemap(client) == anonymous
