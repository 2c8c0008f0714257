"""Fixtures of the HSDS API tests: the official schemas as a `referencing` registry, a validator
of every answer against the operation's schema in the official OpenAPI document, and one small
directory built once per module."""

import datetime
import io
import json
from pathlib import Path

import hxl
import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import Locale

from services_map.hsds.three_w import HXL_SCHEMA
from services_map.models import ServiceLanguage, ServiceLocation, ServicePage, ServicePhone
from tests.factories import services_map as build

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "services_map" / "hsds" / "schema"
RAW = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_URI = "urn:hsds:openapi"
# What the reference points at but v3.0 does not ship (see services_map/hsds/documents.py).
STAND_INS = {
    "compiled/service.json": "service.json",
    "compiled/organization.json": "organization.json",
}
FORMATS = {"uuid", "email", "uri", "date-time"}
TODAY = timezone.localdate()


def schema_registry():
    """Every official schema file under its upstream URL, so that the OpenAPI document's
    absolute `$ref`s and the files' relative ones all resolve to the local copies."""
    resources = []
    for path in SCHEMA_DIR.rglob("*.json"):
        name = path.relative_to(SCHEMA_DIR).as_posix()
        contents = json.loads(path.read_text(encoding="utf-8"))
        uri = OPENAPI_URI if name == "openapi.json" else RAW + name
        resources.append((uri, Resource.from_contents(contents, DRAFT202012)))
    registry = Registry().with_resources(resources)
    for missing, stand_in in STAND_INS.items():
        # A reference, not a copy: the stand-in's relative `$ref`s resolve beside it.
        pointer = Resource.from_contents({"$ref": RAW + stand_in}, DRAFT202012)
        registry = registry.with_resource(RAW + missing, pointer)
    return registry.crawl()


class HsdsSchemas:
    """Validates answers against the official HSDS 3.0 schemas, formats asserted."""

    def __init__(self):
        self.registry = schema_registry()
        self.format_checker = Draft202012Validator.FORMAT_CHECKER
        missing = FORMATS - set(self.format_checker.checkers)
        assert not missing, f"format checkers missing: {missing}"

    def validator(self, schema):
        return Draft202012Validator(
            schema, registry=self.registry, format_checker=self.format_checker
        )

    def operation_schema(self, path):
        """The schema of an operation's 200 answer, by its path in the OpenAPI document."""
        pointer = path.replace("~", "~0").replace("/", "~1")
        return {
            "$ref": f"{OPENAPI_URI}#/paths/{pointer}/get/responses/200/content/"
            "application~1json/schema"
        }

    def check(self, path, body):
        """Raise on the first way `body` breaks the operation's schema."""
        if path == "/service_at_locations/{id}":
            # The reference names the service schema there: a known slip (decision 0024).
            schema = {"$ref": RAW + "service_at_location.json"}
        else:
            schema = self.operation_schema(path)
        errors = sorted(self.validator(schema).iter_errors(body), key=lambda e: e.path)
        assert not errors, "\n".join(
            f"{list(error.absolute_path)}: {error.message}" for error in errors[:10]
        )

    def check_item(self, schema_file, item):
        """Raise unless `item` is valid against one schema file."""
        self.check_schema({"$ref": RAW + schema_file}, item)

    def check_schema(self, schema, item):
        errors = list(self.validator(schema).iter_errors(item))
        assert not errors, "\n".join(
            f"{list(error.absolute_path)}: {error.message}" for error in errors[:10]
        )


@pytest.fixture(scope="session")
def hsds_schemas():
    return HsdsSchemas()


def translate(page, code, title, **fields):
    """Publish a translation of the page (its parent's translation must exist)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


class Directory:
    """What the tests read: a small directory with one service of each kind that matters."""


@pytest.fixture(scope="module")
def hsds_directory(module_data):
    """Two agencies (one with a Turkish translation); a health service named in Turkish with
    everything HSDS maps; a protection-sensitive shelter and an internal service, both with a
    real address and coordinates; a closed and an ended service; and enough plain services to
    fill several pages."""
    world = Directory()
    directory = build.directory_page()
    health = build.category("Health")
    primary = build.category("Primary health care", parent=health)
    protection = build.category("Protection")
    arabic = build.language("ar", "Arabic", "العربية")
    world.asam = build.agency(directory, "Association for Solidarity", "ASAM")
    world.asam_tr = translate(world.asam, "tr", "Sığınmacılar ve Göçmenlerle Dayanışma Derneği")
    world.unhcr = build.agency(directory, "UN Refugee Agency", "UNHCR")
    world.clinic = build.service(
        world.asam,
        "Sağlık danışma merkezi",
        summary="Free health advice for refugees.",
        description="<p>Nurses <b>and</b> doctors.</p>",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
        categories=[health, primary],
        languages=[arabic],
        population_groups=["women"],
        schedules=build.weekdays(),
        phones=("0232 111 11 11",),
        whatsapp="+90 532 000 00 00",
        email="clinic@example.org",
        website="https://example.org/clinic",
        minimum_age=18,
        fee_type="free",
        documents_required="Kimlik",
        eligible_legal_statuses=["temporary_protection"],
        last_verified=TODAY,
    )
    world.clinic_tr = translate(world.clinic, "tr", "Sağlık danışma merkezi (TR)")
    world.shelter = build.service(
        world.asam,
        "Women's safe space",
        place=("izmir", "Karabağlar"),
        coordinates=(38.3745, 27.1203),
        is_protection_sensitive=True,
        categories=[protection],
        phones=("+90 533 702 19 90",),
    )
    world.internal = build.service(
        world.unhcr,
        "Resettlement referrals",
        place=("izmir", "Konak"),
        coordinates=(38.4335, 27.1419),
        is_internal=True,
        categories=[protection],
    )
    world.closed = build.service(world.unhcr, "Closed winter desk", status="closed")
    world.ended_long_ago = build.service(
        world.unhcr, "Old cash programme", end_date=TODAY - datetime.timedelta(days=200)
    )
    world.plain = [
        build.service(world.unhcr, f"Registration help {number}", categories=[protection])
        for number in range(1, 23)
    ]
    world.health, world.primary, world.protection = health, primary, protection
    return world


def secrets_of(world):
    """Strings that must never leave through the API: the internal service's name and the
    shelter's exact place."""
    return [
        world.internal.title,
        str(world.internal.translation_key),
        "38.3745",
        "27.1203",
        "Women's safe space office",
    ]


# --- The 3W table -------------------------------------------------------------------------------

# The hashtags of the 3W table's columns, in order.
HASHTAGS = [
    "#org+name",
    "#org+acronym",
    "#org+type",
    "#org+type+code",
    "#sector+name",
    "#subsector+name",
    "#adm1+name",
    "#adm1+code",
    "#adm2+name",
    "#loc+name",
    "#activity+name",
    "#status",
    "#date+start",
    "#date+end",
    "#contact+phone",
    "#activity+name+i_en",
    "#activity+name+i_tr",
    "#activity+name+i_ar",
    "#activity+name+i_fa",
    "#activity+name+i_ps",
    "#activity+name+i_ku",
]


def schema_issues(source):
    """Every issue libhxl finds in the data against the repository's HXL schema."""
    issues = []
    rules = hxl.data(str(HXL_SCHEMA), hxl.InputOptions(allow_local=True))
    hxl.schema(rules, callback=issues.append).validate(hxl.data(source))
    return [f"{issue.message}: {issue.value!r} ({issue.rule})" for issue in issues]


def hxl_rows(source):
    """The rows as libhxl reads them, each {hashtag: value} over the whole table's hashtags."""
    if isinstance(source, bytes):
        source = io.BufferedReader(io.BytesIO(source))
    return [{tag: row.get(tag, default="") or "" for tag in HASHTAGS} for row in hxl.data(source)]


@pytest.fixture
def rich_directory(directory):
    """Two agencies in English and Turkish and four public services with everything the
    directory records (and a protection-sensitive shelter, which it returns)."""
    return build_rich_directory(directory)


@pytest.fixture(scope="module")
def rich_directory_for_module(module_data):
    """The rich directory built once for a module whose tests each roll back what they
    change (see module_data in tests/conftest.py)."""
    return build_rich_directory(build.directory_page())


def build_rich_directory(directory):
    """See rich_directory."""
    protection = build.category("Protection")
    legal = build.category("Legal aid", parent=protection, slug="legal-aid")
    health = build.category("Health")
    arabic = build.language("ar", "Arabic", "العربية")
    persian = build.language("fa", "Persian", "فارسی")
    turkish = build.language("tr", "Turkish", "Türkçe")
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    translate(asam, "tr", "Sığınmacılar ve Göçmenlerle Dayanışma Derneği")
    unhcr = build.agency(directory, "UN Refugee Agency", "UNHCR")
    translate(unhcr, "tr", "BM Mülteciler Yüksek Komiserliği")
    second_place = ServiceLocation(
        name="Bornova desk",
        address_1="Kazımdirik Mah. 372. Sok. No: 4",
        province=build.district("izmir", "Bornova").province,
        district=build.district("izmir", "Bornova"),
        postal_code="35100",
        latitude=38.4697,
        longitude=27.2164,
        public_transport="Metro to Bornova, then bus 505.",
    )
    legal_service = build.service(
        asam,
        "Legal counselling",
        summary="Free advice from lawyers on your rights.",
        description="<p>Lawyers explain procedures.</p><p>They also <b>accompany</b> you.</p>",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
        place_fields={
            "postal_code": "35390",
            "public_transport": "Bus 33 to Buca Square.",
            "accessibility_description": "Ramp at the side door.",
        },
        wheelchair_accessible=True,
        extra_places=[second_place],
        categories=[protection, legal],
        population_groups=["women-at-risk", "children"],
        languages=[ServiceLanguage(language=arabic, note="On Tuesdays"), turkish],
        schedules=[*build.weekdays(), (6, datetime.time(10), datetime.time(13))],
        phones=[
            ServicePhone(number="0232 111 11 11", description="Reception"),
            ServicePhone(number="+90 532 111 11 11", phone_type=ServicePhone.PhoneType.MOBILE),
            ServicePhone(
                number="+90 850 000 00 00",
                phone_type=ServicePhone.PhoneType.HOTLINE,
                description="Day and night",
            ),
        ],
        whatsapp="+90 532 000 00 00",
        email="legal@asam.example",
        website="https://asam.example/legal",
        eligibility_description="Anyone living in İzmir.",
        eligible_legal_statuses=["temporary_protection", "ip_applicant"],
        eligible_nationalities="Syrian, Afghan",
        minimum_age=18,
        maximum_age=99,
        fee_type=ServicePage.FeeType.PARTLY_FREE,
        fees_description="Notary fees are paid",
        access_method=ServicePage.AccessMethod.APPOINTMENT,
        application_process="Call the reception.",
        referral_method="Send the referral form by e-mail.",
        what_happens_next="A lawyer calls you back.",
        response_time="Within a week",
        complaints_channel="complaints@asam.example",
        documents_required="Kimlik",
        start_date=datetime.date(2026, 1, 15),
        last_verified=TODAY - datetime.timedelta(days=20),
        serves_whole_province=True,
    )
    translate(
        legal_service,
        "tr",
        "Hukuki danışmanlık",
        summary="Avukatlardan ücretsiz danışmanlık.",
        description="<p>Avukatlar süreçleri anlatır.</p>",
    )
    build.service(
        unhcr,
        "Health mediation",
        summary="Interpreters at the hospital.",
        place=("mugla", "Bodrum"),
        coordinates=(37.0344, 27.4305),
        categories=[health],
        languages=[arabic, persian],
        phones=[
            ServicePhone(
                number="+90 533 000 00 03",
                phone_type=ServicePhone.PhoneType.WHATSAPP,
                description="Messages only",
            )
        ],
        fee_type=ServicePage.FeeType.PAID,
        access_method=ServicePage.AccessMethod.WALK_IN,
        schedules=build.weekdays("08:30", "16:30"),
    )
    build.service(
        unhcr,
        "Winter clothes",
        summary="Coats and boots for families.",
        place=None,
        status=ServicePage.Status.TEMPORARILY_CLOSED,
        access_method=ServicePage.AccessMethod.REFERRAL_ONLY,
        population_groups=["families"],
        end_date=TODAY + datetime.timedelta(days=60),
    )
    build.service(
        asam,
        "Closed cash desk",
        summary="Cash assistance.",
        place=("izmir", "Konak"),
        status=ServicePage.Status.CLOSED,
        categories=[protection],
    )
    shelter = build.service(
        asam,
        "Women's shelter",
        place=("izmir", "Karabağlar"),
        coordinates=(38.3745, 27.1203),
        is_protection_sensitive=True,
        categories=[protection],
    )
    return shelter
