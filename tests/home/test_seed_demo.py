"""seed_demo makes the site look real and can be run again safely."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "admin."))
    }


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_counts():
    call_command("seed_demo", stdout=io.StringIO())
    first = row_counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert row_counts() == first


@pytest.mark.django_db
def test_seed_demo_creates_places_roles_accounts_and_home_in_each_locale():
    call_command("seed_demo", stdout=io.StringIO())
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from home.models import HomePage
    from services_map.models import District, Province

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


@pytest.mark.django_db
def test_seed_demo_prints_passwords_only_when_debug_is_on(settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo-" not in out.getvalue()
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo-" in out.getvalue()
