"""Hostile input never makes a server error: every URL pattern the resolver knows (so a new one
is covered without editing this file), in two languages, anonymous and as a co-chair with
two-factor, is fetched with hostile values in each of its parameters and in its query string,
and posted a junk body; every answer of 500 or more is listed."""

import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from iswg_portal.accounts.roles import CO_CHAIRS
from tests.factories import UserFactory
from tests.factories import services_map as directory_build
from tests.factories.meetings import make_agency, make_group, make_meeting, meetings_index

LANGUAGES = ("en", "ar")
LONG_ID = "9" * 26

# Each one is a path segment as a client would send it (already percent-encoded).
HOSTILE_SEGMENTS = (
    LONG_ID,
    "-1",
    "%00",
    "%ff%fe",
    "..%2F..%2Fetc%2Fpasswd",
    "a" * 5000,
    quote("مرحبا-çalışma"),
)
HOSTILE_QUERIES = (
    f"?page=-1&q=%00&agency={LONG_ID}",
    f"?page=99999&id={LONG_ID}&pk=-1",
    "?page=abc&q=" + "a" * 5000,
    "?group=%ff%fe&province=..%2F..%2Fetc&district=" + LONG_ID + "&lat=abc&lng=1e999",
)
JUNK_BODY = {
    "id": LONG_ID,
    "pk": LONG_ID,
    "page": "-1",
    "agency": LONG_ID,
    "status": "\x00",
    "title": "a" * 5000,
    "next": "../../etc/passwd",
    "q": "\u202e\ufeff" + "ğ" * 300,
}

# Wagtail's admin has hundreds of URL patterns of its own; those that take the ids of the
# portal's pages, snippets and models (and the portal's own admin views) are walked.
ADMIN_PREFIXES = (
    "admin/pages/",
    "admin/snippets/meetings/",
    "admin/snippets/services_map/",
    "admin/meetings/",
    "admin/services/",
    "admin/invitations/",
    "admin/access-requests/",
    "admin/users/",
)
# Posting to these as the co-chair would end the session the walk relies on.
SIGNED_IN_SKIPS = ("logout",)


@dataclass(frozen=True)
class Route:
    """One URL pattern, as the chain of patterns from the root that leads to it."""

    chain: tuple
    name: str

    def describe(self):
        return "".join(str(pattern) for pattern in self.chain)


def url_patterns(patterns=None, chain=()):
    """Every URL pattern reachable from the root URLconf, with the chain that leads to it."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, (*chain, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield Route((*chain, entry.pattern), entry.name or "")


ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def regex_parts(pattern):
    """A regex pattern split into literal text and its top-level groups, or None when it has
    regex syntax outside a group that a literal URL cannot be made from."""
    source = pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    parts, text, depth, start, i = [], "", 0, 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            if depth == 0:
                if source[i + 1] not in "/.-":
                    return None
                text += source[i + 1]
            i += 2
            continue
        if char == "(":
            if depth == 0:
                parts.append(text)
                text, start = "", i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                parts.append(re.compile(source[start : i + 1]))
                if i + 1 < len(source) and source[i + 1] in "?*+":
                    i += 1
        elif depth == 0:
            if char in "[]{}|^$*+?":
                return None
            text += char
        i += 1
    parts.append(text)
    return parts


def fill(pattern, values):
    """The URL text of one pattern with each parameter given by `values(name, converter)`:
    a list of (label, text) where label names the parameter made hostile, or None."""
    if isinstance(pattern, LocalePrefixPattern):
        return [(None, pattern.language_prefix)]
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        names = [(m["name"], m["converter"] or "str") for m in ROUTE_PARAMETER.finditer(route)]
        return [
            (label, ROUTE_PARAMETER.sub(lambda m, chosen=chosen: chosen[m["name"]], route))
            for label, chosen in values(names)
        ]
    if isinstance(pattern, RegexPattern):
        parts = regex_parts(pattern)
        if parts is None:
            return []
        groups = [part for part in parts if not isinstance(part, str)]
        names = [(f"group{index}", "regex") for index in range(len(groups))]
        filled = []
        for label, chosen in values(names):
            text, index = "", 0
            for part in parts:
                if isinstance(part, str):
                    text += part
                else:
                    value = chosen[f"group{index}"]
                    # A value the group would refuse never reaches the view: as a path
                    # segment, or else left out.
                    text += next(
                        (v for v in (value, value + "/") if part.fullmatch(v)),
                        "",
                    )
                    index += 1
            filled.append((label, text))
        return filled
    return []


@dataclass
class Probe:
    """What the walk sends to one URL: the method, the path with its query, the body."""

    method: str
    url: str
    note: str


def benign_value(converter, site):
    """The value of a parameter that is not the one being made hostile."""
    if converter in ("int", "id", "regex"):
        return str(site["meeting"].pk)
    if converter == "uuid":
        return "00000000-0000-0000-0000-000000000000"
    return "x"


def hostile_values(site):
    """For a pattern's parameters: each in turn given each hostile value, the others a plain
    one; a pattern without parameters is filled once."""

    def values(names):
        if not names:
            return [(None, {})]
        combos = []
        for hostile_name, _converter in names:
            for segment in HOSTILE_SEGMENTS:
                chosen = {name: benign_value(conv, site) for name, conv in names}
                chosen[hostile_name] = segment
                combos.append((hostile_name, chosen))
        return combos

    return values


def benign_values(site):
    def values(names):
        return [(None, {name: benign_value(conv, site) for name, conv in names})]

    return values


def requests_for(urls):
    """GET each URL (one without hostile parameters with each hostile query); POST a junk body
    to it too, or, for a hostile parameter, only with the overlong id (to bound the count)."""
    probes = []
    for label, url in urls:
        if label is None:
            probes += [Probe("GET", url + query, "query string") for query in HOSTILE_QUERIES]
        else:
            probes.append(Probe("GET", url, f"parameter {label}"))
        if label is None or LONG_ID in url:
            probes.append(Probe("POST", url, f"junk body, parameter {label}"))
    return probes


def probes_for(route, language, site):
    """The requests for one URL pattern of the URLconf, in one language."""
    with translation.override(language):
        urls = [(None, "/")]
        for pattern in route.chain:
            last = pattern is route.chain[-1]
            filled = fill(pattern, hostile_values(site) if last else benign_values(site))
            if not filled:
                return []
            urls = [(label or old, prefix + text) for old, prefix in urls for label, text in filled]
    return requests_for(urls)


def is_walked(route):
    path = route.describe()
    if path.startswith("admin/") or path.startswith("^admin/"):
        return path.startswith(ADMIN_PREFIXES)
    # Static files under DEBUG are the web server's business.
    return "static" not in route.name


def page_probes(site):
    """Every page of the site with hostile queries, each route of a routable page with hostile
    values, and the admin's edit and copy forms of a real meeting posted a junk body."""
    probes = []
    for page in Page.objects.live().specific().filter(depth__gt=1):
        url = page.url
        if not url:
            continue
        if isinstance(page, RoutablePageMixin):
            for route in page.get_subpage_urls():
                filled = fill(route.pattern, hostile_values(site))
                probes += requests_for([(label, url + text) for label, text in filled])
        else:
            probes += requests_for([(None, url)])
    meeting = site["meeting"]
    for action in ("edit", "copy"):
        probes.append(Probe("POST", f"/admin/pages/{meeting.pk}/{action}/", "junk admin form"))
    return probes


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A site with pages of each kind, built once and rolled back after the module."""
    import io

    from home.demo import seed_site

    with django_db_blocker.unblock(), transaction.atomic():
        home = seed_site(io.StringIO())
        directory = directory_build.directory_page()
        agency = directory_build.agency(directory)
        service = directory_build.service(agency)
        meetings_index(home)
        lead = make_agency(home, "UNHCR")
        group = make_group(home, title="Protection", lead_agency=lead)
        meeting = make_meeting(
            group,
            agenda=[
                {
                    "title": "Updates",
                    "outcomes": [
                        {"kind": "action_point", "text": "Share", "responsible_agency": lead}
                    ],
                }
            ],
        )
        co_chair = UserFactory(email="hostile-cochair@unhcr.example", role=CO_CHAIRS)
        yield {"meeting": meeting, "service": service, "group": group, "co_chair": co_chair}
        transaction.set_rollback(True)


def walk(client, site, signed_in):
    """Send every probe and return the ones answered with a server error."""
    routes = [route for route in url_patterns() if is_walked(route)]
    probes = []
    for language in LANGUAGES:
        for route in routes:
            if signed_in and any(skip in route.name for skip in SIGNED_IN_SKIPS):
                continue
            probes += probes_for(route, language, site)
    probes += page_probes(site)
    offenders = []
    seen = set()
    for probe in probes:
        if (probe.method, probe.url) in seen:
            continue
        seen.add((probe.method, probe.url))
        if probe.method == "GET":
            response = client.get(probe.url)
        else:
            response = client.post(probe.url, JUNK_BODY)
        if response.status_code >= 500:
            offenders.append(
                f"{response.status_code} {probe.method} {probe.url[:200]} ({probe.note})"
            )
    return offenders, len(seen)


@pytest.mark.sweep
@pytest.mark.django_db
def test_hostile_input_never_gives_a_server_error_to_a_visitor(site):
    client = Client(raise_request_exception=False)
    offenders, sent = walk(client, site, signed_in=False)
    assert sent > 500
    assert not offenders, f"{len(offenders)} of {sent} requests failed:\n" + "\n".join(offenders)


@pytest.mark.sweep
@pytest.mark.django_db
def test_hostile_input_never_gives_a_server_error_to_a_co_chair(site):
    client = Client(raise_request_exception=False)
    client.force_login(site["co_chair"])
    offenders, sent = walk(client, site, signed_in=True)
    assert sent > 500
    assert not offenders, f"{len(offenders)} of {sent} requests failed:\n" + "\n".join(offenders)
