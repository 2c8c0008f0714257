"""The data migration that merges the facts translations held each on their own: the original
wins, each value it overwrote is written out, each translation keeps its words."""

import importlib
import uuid

import pytest
from django.apps import apps
from wagtail.models import Locale

from services_map.models import ServiceLocation, ServicePage, ServicePhone
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

migration = importlib.import_module("services_map.migrations.0013_merge_translation_facts")


@pytest.fixture
def copies_that_drifted(asam):
    """An English service and its Turkish copy, made before translations shared facts, whose
    phone, status and address then changed in Turkish only, and whose rows all carry the one
    key the new column was filled with."""
    english = build.service(asam, "Legal counselling", phones=("+90 232 000 00 01",))
    turkish = english.copy_for_translation(
        Locale.objects.get(language_code="tr"), copy_parents=True
    )
    turkish.title = "Hukuki danışmanlık"
    turkish.save_revision().publish()
    ServicePage.objects.filter(pk=turkish.pk).update(status="closed", email="eski@asam.example")
    ServicePhone.objects.filter(page=turkish).update(number="+90 232 420 63 18")
    ServiceLocation.objects.filter(page=turkish).update(
        address_1="Eski adres", name="ASAM Buca ofisi"
    )
    one_key = uuid.uuid4()
    for model in (ServiceLocation, ServicePhone):
        model.objects.update(row_key=one_key)
    return english, turkish


def test_the_original_wins_and_the_overwritten_values_are_listed(capsys, copies_that_drifted):
    english, turkish = copies_that_drifted
    migration.merge(apps, None)
    turkish = ServicePage.objects.get(pk=turkish.pk)
    assert turkish.status == "active"
    assert turkish.email == ""
    assert [phone.number for phone in turkish.phones.all()] == ["+90 232 000 00 01"]
    assert turkish.locations.get().address_1 == "Atatürk Caddesi No: 1"
    output = capsys.readouterr().out
    assert f'servicepage {turkish.pk} (tr) "Hukuki danışmanlık": status: "closed" → "active"' in (
        output
    )
    assert "+90 232 420 63 18" in output
    assert "Eski adres" in output


def test_each_translation_keeps_its_words_on_the_rows(copies_that_drifted):
    english, turkish = copies_that_drifted
    migration.merge(apps, None)
    assert ServiceLocation.objects.get(page=turkish).name == "ASAM Buca ofisi"
    assert ServiceLocation.objects.get(page=english).name == "Legal counselling office"
    key = ServiceLocation.objects.get(page=english).row_key
    assert ServiceLocation.objects.get(page=turkish).row_key == key
    assert ServicePhone.objects.get(page=english).row_key != key


def test_merging_twice_changes_nothing_more(capsys, copies_that_drifted):
    migration.merge(apps, None)
    capsys.readouterr()
    migration.merge(apps, None)
    assert "→" not in capsys.readouterr().out


def test_when_the_words_last_changed_is_read_from_the_history(copies_that_drifted):
    english, turkish = copies_that_drifted
    english = ServicePage.objects.get(pk=english.pk)
    english.summary = "Free advice on asylum and rights."
    english.save_revision().publish()
    english.email = "desk@asam.example"
    english.save_revision().publish()
    migration.merge(apps, None)
    english = ServicePage.objects.get(pk=english.pk)
    turkish = ServicePage.objects.get(pk=turkish.pk)
    word_change, email_change = english.revisions.order_by("created_at")[1:3]
    # The summary's change, not the later one of the e-mail address (however slow the machine).
    assert word_change.created_at <= english.words_changed_at < email_change.created_at
    assert turkish.words_changed_at < english.words_changed_at
    assert turkish.newer_source_text() == english


def test_rows_made_without_an_order_get_one_on_every_database(copies_that_drifted):
    english, turkish = copies_that_drifted
    second = ServicePhone.objects.get(page=english)
    second.pk = None
    second.number = "+90 232 000 00 02"
    second.save()
    ServicePhone.objects.update(sort_order=None)
    migration.merge(apps, None)
    for page in (english, turkish):
        phones = ServicePhone.objects.filter(page=page).order_by("sort_order")
        assert [(phone.number, phone.sort_order) for phone in phones] == [
            ("+90 232 000 00 01", 0),
            ("+90 232 000 00 02", 1),
        ]


def test_categories_and_population_groups_follow_the_original(capsys, copies_that_drifted):
    english, turkish = copies_that_drifted
    protection = build.category("Protection")
    ServicePage.categories.through.objects.create(
        servicepage_id=english.pk, servicecategory_id=protection.pk
    )
    education = build.category("Education")
    ServicePage.categories.through.objects.create(
        servicepage_id=turkish.pk, servicecategory_id=education.pk
    )
    migration.merge(apps, None)
    turkish = ServicePage.objects.get(pk=turkish.pk)
    assert list(turkish.categories.all()) == [protection]
    assert f"categories: [{education.pk}] → [{protection.pk}]" in capsys.readouterr().out
