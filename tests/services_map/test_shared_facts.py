"""One truth in every language: a service's phones, hours and places are the same in all its
translations, changed once on the original and live everywhere when a co-chair approves."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageLogEntry, WorkflowState

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from iswg_portal.core.dates import local_date
from services_map.models import ServicePage
from services_map.shared_facts import FACTS_SHARED_ACTION, SERVICE_FACTS, words_differ
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.html_forms import rendered_form

pytestmark = pytest.mark.django_db

OLD_PHONE = "+90 232 420 63 18"
NEW_PHONE = "+90 232 999 11 22"
WORDS = {
    "tr": {"title": "Hukuki danışmanlık", "summary": "Haklarınız hakkında ücretsiz danışmanlık."},
    "ar": {"title": "استشارات قانونية", "summary": "استشارات مجانية حول حقوقك."},
    "fa": {"title": "مشاوره حقوقی", "summary": "مشاوره رایگان دربارهٔ حقوق شما."},
}


def translate(page, code, **words):
    """A published translation of the page, with its own words, made as editors make one."""
    translation = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    for name, value in {**WORDS.get(code, {}), **words}.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return ServicePage.objects.get(pk=translation.pk)


@pytest.fixture(scope="module")
def desk_for_module(module_data):
    """ASAM's legal counselling desk in English, Turkish, Arabic and Persian, its editor and a
    co-chair, built once for this module's tests (each rolls back what it changes)."""
    directory = build.directory_page()
    asam = build.agency(directory, "Association for Solidarity with Asylum Seekers", "ASAM")
    english = build.service(
        asam,
        "Legal counselling",
        place=("izmir", "Buca"),
        phones=(OLD_PHONE,),
        schedules=build.weekdays("09:00", "17:00"),
        categories=[build.category("Protection")],
        languages=[build.language("ar", "Arabic", "العربية")],
        population_groups=["women-at-risk"],
    )
    translations = {code: translate(english, code) for code in ("tr", "ar", "fa")}
    return {
        "directory": directory,
        "en": english,
        **translations,
        "editor": UserFactory(role=AGENCY_EDITORS, organisation=asam),
        "co_chair": UserFactory(role=CO_CHAIRS),
    }


@pytest.fixture
def asam_desk(desk_for_module):
    """The module's desk, each page and person read again for this test."""
    return read_again(desk_for_module)


@pytest.fixture
def directory(desk_for_module):
    return read_again(desk_for_module["directory"])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def public_text(page, client=None):
    response = (client or Client()).get(page.url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def approve(client, page):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", state.current_task_state.pk),
    )
    return client.post(url, {"comment": ""})


def edit(client, page, action="action-submit", **changes):
    """Post the page's admin form as it was rendered, with some fields changed."""
    form = rendered_form(client.get(edit_url(page)))
    form.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    form[action] = ["yes"]
    return client.post(edit_url(page), form)


def live(page):
    return ServicePage.objects.get(pk=page.pk)


def facts(page):
    """The facts a person acts on, as the page's live row holds them."""
    page = live(page)
    return {
        "status": page.status,
        "is_internal": page.is_internal,
        "email": page.email,
        "last_verified": page.last_verified,
        "legal_statuses": page.eligible_legal_statuses,
        "categories": sorted(category.pk for category in page.categories.all()),
        "groups": sorted(tag.name for tag in page.population_groups.all()),
        "phones": [(phone.number, phone.phone_type) for phone in page.phones.all()],
        "hours": [str(period) for period in page.schedules.all()],
        "places": [(place.address_1, place.district_id) for place in page.locations.all()],
    }


# --- An approved change is live in every language ----------------------------------------


def test_an_approved_change_of_phone_hours_and_place_is_live_in_every_language(client, asam_desk):
    english = asam_desk["en"]
    client.force_login(asam_desk["editor"])
    response = edit(
        client,
        english,
        **{
            "phones-0-number": NEW_PHONE,
            "schedules-0-opens_at": "10:30",
            "locations-0-address_1": "Menderes Caddesi No: 89",
        },
    )
    assert response.status_code == 302
    for code in ("en", "tr", "ar", "fa"):
        assert OLD_PHONE in public_text(asam_desk[code])

    client.force_login(asam_desk["co_chair"])
    approve(client, english)

    for code in ("en", "tr", "ar", "fa"):
        text = public_text(live(asam_desk[code]))
        assert NEW_PHONE in text
        assert OLD_PHONE not in text
        assert "10:30" in text
        assert "Menderes Caddesi No: 89" in text
    buca = build.district("izmir", "Buca")
    sheet = re.sub(r"\s+", " ", Client().get("/ar/services/print/", {"district": buca.pk}).text)
    assert WORDS["ar"]["title"] in sheet
    assert NEW_PHONE in sheet
    assert OLD_PHONE not in sheet


def test_publishing_the_original_updates_a_translations_pending_draft(client, asam_desk):
    turkish = asam_desk["tr"]
    client.force_login(asam_desk["editor"])
    edit(client, turkish, "action-save", title="Hukuki danışmanlık (taslak)")
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", **{"phones-0-number": NEW_PHONE})
    draft = live(turkish).get_latest_revision()
    assert draft.content["title"] == "Hukuki danışmanlık (taslak)"
    assert [row["number"] for row in draft.content["phones"]] == [NEW_PHONE]


def test_publishing_an_old_translation_draft_brings_back_no_old_facts(client, asam_desk):
    turkish = asam_desk["tr"]
    client.force_login(asam_desk["editor"])
    edit(client, turkish, title="Hukuki danışmanlık merkezi")
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", **{"phones-0-number": NEW_PHONE})
    approve(client, turkish)
    text = public_text(live(turkish))
    assert "Hukuki danışmanlık merkezi" in text
    assert NEW_PHONE in text
    assert OLD_PHONE not in text


# --- A translation's form carries words only ----------------------------------------------


def test_a_translation_shows_its_facts_read_only_with_the_way_to_the_original(client, asam_desk):
    client.force_login(asam_desk["editor"])
    response = client.get(edit_url(asam_desk["tr"]))
    html = response.content.decode()
    form = rendered_form(response)
    assert "phones-0-number" not in form
    assert "status" not in form
    assert "locations-0-address_1" not in form
    assert "locations-0-name" in form
    assert OLD_PHONE in html
    assert f'href="{edit_url(asam_desk["en"])}"' in html
    assert "Edit in English" in html


def test_the_originals_form_edits_the_facts(client, asam_desk):
    client.force_login(asam_desk["editor"])
    form = rendered_form(client.get(edit_url(asam_desk["en"])))
    assert form["phones-0-number"] == [OLD_PHONE]
    assert "status" in form
    assert "Edit in English" not in client.get(edit_url(asam_desk["en"])).content.decode()


def test_a_crafted_post_to_a_translation_cannot_change_a_fact(client, asam_desk):
    turkish, english = asam_desk["tr"], asam_desk["en"]
    before = facts(turkish)
    client.force_login(asam_desk["co_chair"])
    response = edit(
        client,
        turkish,
        "action-publish",
        title="Hukuki danışmanlık (yeni)",
        status="closed",
        is_internal="on",
        email="someone@else.example",
        last_verified="2020-01-01",
        eligible_legal_statuses=["stateless"],
        categories=[str(build.category("Education").pk)],
        population_groups="children",
        **{
            "phones-0-number": NEW_PHONE,
            "phones-0-phone_type": "mobile",
            "schedules-0-opens_at": "03:00",
            "locations-0-address_1": "Somewhere else",
            "locations-0-district": str(build.district("izmir", "Konak").pk),
        },
    )
    assert response.status_code == 302
    assert live(turkish).title == "Hukuki danışmanlık (yeni)"
    assert facts(turkish) == before
    assert facts(english) == before
    assert OLD_PHONE in public_text(live(turkish))


def test_a_translation_cannot_add_a_row(client, asam_desk):
    turkish = asam_desk["tr"]
    client.force_login(asam_desk["co_chair"])
    response = edit(
        client,
        turkish,
        "action-publish",
        title="Hukuki danışmanlık (yeni)",
        **{
            "phones-TOTAL_FORMS": "2",
            "phones-1-id": "",
            "phones-1-row_key": "a5f0a2a8-43b7-4d5c-9b52-2f4b7f1f2a10",
            "phones-1-number": NEW_PHONE,
            "phones-1-description": "Yeni hat",
        },
    )
    assert response.status_code == 200
    assert live(turkish).title == WORDS["tr"]["title"]
    assert [phone.number for phone in live(turkish).phones.all()] == [OLD_PHONE]


def test_a_translation_cannot_remove_a_row(client, asam_desk):
    turkish = asam_desk["tr"]
    client.force_login(asam_desk["co_chair"])
    edit(client, turkish, "action-publish", **{"phones-TOTAL_FORMS": "0"})
    assert [phone.number for phone in live(turkish).phones.all()] == [OLD_PHONE]


def test_a_translation_saved_in_code_keeps_the_originals_facts(asam_desk):
    turkish = live(asam_desk["tr"])
    turkish.status = ServicePage.Status.CLOSED
    turkish.is_internal = True
    turkish.save_revision().publish()
    assert live(turkish).status == ServicePage.Status.ACTIVE
    assert not live(turkish).is_internal


def test_each_translation_keeps_its_own_words_on_a_shared_row(client, asam_desk):
    turkish, english = asam_desk["tr"], asam_desk["en"]
    client.force_login(asam_desk["co_chair"])
    edit(
        client,
        turkish,
        "action-publish",
        **{"locations-0-name": "ASAM Buca ofisi", "phones-0-description": "Arapça konuşulur"},
    )
    edit(client, english, "action-publish", **{"phones-0-number": NEW_PHONE})
    text = public_text(live(turkish))
    assert "ASAM Buca ofisi" in text
    assert "Arapça konuşulur" in text
    assert NEW_PHONE in text
    assert "ASAM Buca ofisi" not in public_text(live(english))


def test_a_row_added_to_the_original_reaches_every_translation(client, asam_desk):
    english = asam_desk["en"]
    client.force_login(asam_desk["co_chair"])
    form = rendered_form(client.get(edit_url(english)))
    form.update(
        {
            "phones-TOTAL_FORMS": ["2"],
            "phones-1-id": [""],
            "phones-1-ORDER": ["2"],
            "phones-1-DELETE": [""],
            "phones-1-number": [NEW_PHONE],
            "phones-1-phone_type": ["hotline"],
            "phones-1-description": ["24/7"],
            "action-publish": ["yes"],
        }
    )
    assert client.post(edit_url(english), form).status_code == 302
    for code in ("tr", "ar", "fa"):
        assert [phone.number for phone in live(asam_desk[code]).phones.all()] == [
            OLD_PHONE,
            NEW_PHONE,
        ]


# --- Verification follows the truth -------------------------------------------------------


def test_confirm_still_correct_on_a_translation_stamps_every_language(client, asam_desk):
    client.force_login(asam_desk["editor"])
    response = client.post(reverse("services_map_confirm_listing", args=[asam_desk["tr"].pk]))
    assert response.status_code == 302
    today = timezone.localdate()
    shown = local_date(today, language="en")
    for code in ("en", "tr", "ar", "fa"):
        assert live(asam_desk[code]).last_verified == today
    assert f"Last verified by the agency on {shown}" in public_text(live(asam_desk["en"]))


def test_approving_a_translations_change_stamps_every_language(client, asam_desk):
    client.force_login(asam_desk["editor"])
    edit(client, asam_desk["ar"], title="استشارات قانونية مجانية")
    client.force_login(asam_desk["co_chair"])
    approve(client, asam_desk["ar"])
    assert live(asam_desk["ar"]).title == "استشارات قانونية مجانية"
    for code in ("en", "tr", "ar", "fa"):
        assert live(asam_desk[code]).last_verified == timezone.localdate()


# --- The text changed since this translation ----------------------------------------------

CHANGED_NOTE = "The English text changed since this translation."


def test_a_translation_older_than_the_originals_words_tells_its_editors(client, asam_desk):
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", summary="Free advice on asylum and rights.")
    client.force_login(asam_desk["editor"])
    assert CHANGED_NOTE in client.get(edit_url(asam_desk["tr"])).content.decode()
    assert CHANGED_NOTE not in client.get(edit_url(asam_desk["en"])).content.decode()


def test_a_translation_older_than_the_originals_words_tells_the_public(client, asam_desk):
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", summary="Free advice on asylum and rights.")
    turkish = public_text(live(asam_desk["tr"]))
    assert "translation-note" in turkish
    assert f'href="{asam_desk["en"].url}"' in turkish
    assert "translation-note" not in public_text(live(asam_desk["en"]))


def test_bringing_the_translation_up_to_date_removes_the_note(client, asam_desk):
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", summary="Free advice on asylum and rights.")
    edit(client, asam_desk["tr"], "action-publish", summary="İltica ve haklar hakkında danışma.")
    assert CHANGED_NOTE not in client.get(edit_url(asam_desk["tr"])).content.decode()
    assert "translation-note" not in public_text(live(asam_desk["tr"]))


def test_a_change_of_facts_alone_leaves_the_translations_current(client, asam_desk):
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", **{"phones-0-number": NEW_PHONE})
    assert CHANGED_NOTE not in client.get(edit_url(asam_desk["tr"])).content.decode()
    assert "translation-note" not in public_text(live(asam_desk["tr"]))


# --- Agencies -----------------------------------------------------------------------------


@pytest.fixture
def agency_in_two_languages(directory):
    english = build.agency(directory, "Support to Life", "STL")
    english.phone = "+90 232 100 00 00"
    english.save_revision().publish()
    turkish = english.copy_for_translation(Locale.objects.get(language_code="tr"))
    turkish.title = "Hayata Destek"
    turkish.save_revision().publish()
    return english, turkish


def test_an_agencys_contact_details_are_the_same_in_every_language(client, agency_in_two_languages):
    english, turkish = agency_in_two_languages
    client.force_login(UserFactory(role=CO_CHAIRS))
    form = rendered_form(client.get(edit_url(english)))
    form.update({"phone": ["+90 232 200 00 00"], "acronym": ["HD"], "action-publish": ["yes"]})
    assert client.post(edit_url(english), form).status_code == 302
    text = re.sub(r"\s+", " ", Client().get(turkish.get_url()).text)
    assert "+90 232 200 00 00" in text
    assert "(HD)" in text
    assert "phone" not in rendered_form(client.get(edit_url(turkish)))


# --- History and what counts as words -----------------------------------------------------


def test_a_translations_history_says_its_facts_came_from_the_original(client, asam_desk):
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", **{"phones-0-number": NEW_PHONE})
    history = client.get(reverse("wagtailadmin_pages:history", args=[asam_desk["tr"].pk]))
    assert "Shared facts updated" in history.content.decode()


def test_publishing_words_only_leaves_the_translations_untouched(client, asam_desk):
    client.force_login(asam_desk["co_chair"])
    edit(client, asam_desk["en"], "action-publish", summary="Free advice on asylum and rights.")
    assert not PageLogEntry.objects.filter(action=FACTS_SHARED_ACTION).exists()


def test_the_editors_block_keys_are_no_change_of_words():
    before = {"title": "Legal aid", "description": "<p>Free <b>advice</b>.</p>"}
    after = {
        "title": "Legal aid",
        "description": '<p data-block-key="x1y2z">Free <b>advice</b>.</p>',
    }
    assert not words_differ(SERVICE_FACTS, before, after)


def test_facts_are_no_change_of_words():
    before = {"title": "Legal aid", "phones": [{"number": OLD_PHONE, "description": ""}]}
    after = {"title": "Legal aid", "phones": [{"number": NEW_PHONE, "description": ""}]}
    assert not words_differ(SERVICE_FACTS, before, after)


def test_the_words_on_a_row_are_words():
    before = {"locations": [{"name": "ASAM Buca office", "address_1": "Menderes Cad. 1"}]}
    after = {"locations": [{"name": "ASAM Buca field office", "address_1": "Menderes Cad. 1"}]}
    assert words_differ(SERVICE_FACTS, before, after)


def test_a_translation_keeps_its_own_way_by_public_transport_as_the_originals_facts_reach_it(
    client, asam_desk
):
    turkish, english = asam_desk["tr"], asam_desk["en"]
    client.force_login(asam_desk["co_chair"])
    edit(
        client,
        turkish,
        "action-publish",
        **{"locations-0-public_transport": "152 numaralı otobüs, Buca Belediyesi durağı"},
    )
    edit(
        client,
        english,
        "action-publish",
        **{
            "locations-0-public_transport": "Bus 152 from Konak to the Buca Belediyesi stop",
            "locations-0-address_1": "Menderes Cad. No: 89",
            "phones-0-number": NEW_PHONE,
        },
    )
    turkish_text = public_text(live(turkish))
    assert "152 numaralı otobüs, Buca Belediyesi durağı" in turkish_text
    assert "Bus 152 from Konak" not in turkish_text
    assert "Menderes Cad. No: 89" in turkish_text
    assert NEW_PHONE in turkish_text
    assert "Bus 152 from Konak to the Buca Belediyesi stop" in public_text(live(english))
    # Another translation's words are its own: the Turkish ones never reach the Arabic page.
    assert "Buca Belediyesi durağı" not in public_text(live(asam_desk["ar"]))
    assert "Menderes Cad. No: 89" in public_text(live(asam_desk["ar"]))


def test_the_way_by_public_transport_is_words():
    before = {"locations": [{"name": "", "public_transport": "Bus 152"}]}
    after = {"locations": [{"name": "", "public_transport": "Bus 152 or 153"}]}
    assert words_differ(SERVICE_FACTS, before, after)
