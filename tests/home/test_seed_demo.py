"""seed_demo makes the site look real and can be run again safely."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site

from home.models import HomePage
from services_map.models import District, Province
from tests.conftest import DEMO_GROUP, demo_site

pytestmark = [
    pytest.mark.demo,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group(DEMO_GROUP),
]


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "admin."))
    }


@pytest.fixture
def first_run():
    """The whole demo, seeded as `make seed` does with DEBUG off (once for the process, see
    demo_site); what it printed."""
    return demo_site()["printed"]


def test_seed_demo_creates_places_roles_accounts_and_home_in_each_locale(first_run):
    assert Province.objects.count() == 10
    assert District.objects.get(name="Buca").province.name == "İzmir"
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Members",
        "Agency editors",
        "Group leads",
        "Co-chairs",
    }
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == [
        "ar",
        "en",
        "fa",
        "kmr",
        "ps",
        "tr",
    ]
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_seed_demo_again_changes_no_counts_and_prints_passwords_only_when_debug_is_on(
    first_run, settings
):
    assert "Demo-" not in first_run
    counts = row_counts()
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert row_counts() == counts
    assert "Demo-" in out.getvalue()
