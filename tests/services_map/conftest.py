"""Fixtures of the directory tests."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import services_map as build


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached vocabularies must not leak from one test's database into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(home_page):
    """The English directory page, its translations and the ten provinces."""
    return build.directory_page()


@pytest.fixture
def asam(directory):
    """A published agency."""
    return build.agency(directory)


@pytest.fixture
def shelter(asam):
    """A protection-sensitive service: the public may call it but never learn where it is."""
    return build.service(
        asam,
        "Women's safe space",
        place=("izmir", "Karabağlar"),
        coordinates=(38.3745, 27.1203),
        is_protection_sensitive=True,
        phones=("+90 533 702 19 90",),
    )


@pytest.fixture
def sample(directory):
    """The sample directory (see build_sample), built for one test."""
    return build_sample(directory)


@pytest.fixture(scope="module")
def sample_for_module(module_data):
    """The sample directory built once for a module whose every test reads it (see module_data
    in tests/conftest.py); each test's own changes still roll back."""
    return build_sample(build.directory_page())


def build_sample(directory):
    """A small directory counted by hand (the tests' expectations follow from it):

    - Legal counselling: İzmir/Buca, Protection > Legal aid, free, ar+tr, women-at-risk,
      wheelchair accessible
    - Psychosocial support: İzmir/Konak, Health > Psychosocial, free, ar, children
    - Turkish course: İzmir/Buca, Education, paid, tr+fa, all
    - Migrant Health Centre (Ministry of Health): Muğla/Bodrum, Health, free, ar+en, all
    - Women's shelter: İzmir/Karabağlar, Protection, free, ar, protection-sensitive
    - Old legal desk: İzmir/Buca, ended yesterday
    - Partner referral line: İzmir/Buca, members only
    """
    import datetime

    from django.utils import timezone

    asam = build.agency(directory, "Association for Solidarity with Asylum Seekers", "ASAM")
    ministry = build.agency(directory, "Ministry of Health", "MoH")
    protection = build.category("Protection")
    legal = build.category("Legal aid", parent=protection)
    health = build.category("Health")
    mhpss = build.category("Psychosocial support", parent=health, slug="psychosocial")
    education = build.category("Education")
    arabic = build.language("ar", "Arabic", "العربية")
    turkish = build.language("tr", "Turkish", "Türkçe")
    persian = build.language("fa", "Persian", "فارسی")
    english = build.language("en", "English", "English")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services = {
        "legal": build.service(
            asam,
            "Legal counselling",
            place=("izmir", "Buca"),
            coordinates=(38.3881, 27.1753),
            categories=[protection, legal],
            languages=[arabic, turkish],
            population_groups=["women-at-risk"],
            wheelchair_accessible=True,
        ),
        "mhpss": build.service(
            asam,
            "Psychosocial support",
            place=("izmir", "Konak"),
            coordinates=(38.4189, 27.1287),
            categories=[health, mhpss],
            languages=[arabic],
            population_groups=["children"],
        ),
        "course": build.service(
            asam,
            "Turkish course",
            summary="Turkish lessons for adults, A1 to B1.",
            place=("izmir", "Buca"),
            coordinates=(38.3901, 27.1801),
            categories=[education],
            languages=[turkish, persian],
            population_groups=["all"],
            fee_type="paid",
        ),
        "health_centre": build.service(
            ministry,
            "Migrant Health Centre",
            summary="Primary health care for refugees.",
            place=("mugla", "Bodrum"),
            coordinates=(37.0344, 27.4305),
            categories=[health],
            languages=[arabic, english],
            population_groups=["all"],
        ),
        "shelter": build.service(
            asam,
            "Women's shelter",
            summary="Safe accommodation for women at risk.",
            place=("izmir", "Karabağlar"),
            coordinates=(38.3740, 27.1280),
            categories=[protection],
            languages=[arabic],
            population_groups=["women-at-risk"],
            is_protection_sensitive=True,
        ),
        "ended": build.service(
            asam,
            "Old legal desk",
            place=("izmir", "Buca"),
            coordinates=(38.3881, 27.1753),
            categories=[protection, legal],
            languages=[arabic],
            end_date=yesterday,
        ),
        "internal": build.service(
            asam,
            "Partner referral line",
            place=("izmir", "Buca"),
            coordinates=(38.3881, 27.1753),
            categories=[protection, legal],
            languages=[arabic],
            is_internal=True,
        ),
    }
    return services


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """The stale-listing reminder, run as cron would run it, its mail going out when the
    transaction commits."""

    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_stale_listings", *args, stdout=out)
        return out.getvalue()

    return run
