"""Helplines: kept by the co-chairs in the admin, shown in the reader's nearest language, the
number dialled the same in every language."""

import io

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.utils import translation

from iswg_portal.accounts.roles import CO_CHAIRS
from services_map.demo import seed_helplines
from services_map.models import Helpline, helplines_for
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/services_map/helpline/add/"


@pytest.fixture
def emergency(home_page):
    return build.helpline("112", {"en": "Emergency", "tr": "Acil Çağrı", "fa": "اورژانس"}, order=10)


def names(helplines):
    return [helpline.name for helpline in helplines]


def test_a_reader_sees_a_helpline_in_their_own_language(emergency):
    assert names(helplines_for("tr")) == ["Acil Çağrı"]


def test_pashto_reader_sees_the_persian_words_where_there_are_no_pashto_ones(emergency):
    assert names(helplines_for("ps")) == ["اورژانس"]


def test_kurmanji_reader_sees_the_turkish_words(emergency):
    assert names(helplines_for("kmr")) == ["Acil Çağrı"]


def test_arabic_reader_sees_the_english_words_where_there_are_no_arabic_ones(emergency):
    assert names(helplines_for("ar")) == ["Emergency"]


def test_a_helpline_written_in_one_language_only_is_still_shown_to_everyone(home_page):
    build.helpline("183", {"tr": "ALO 183"})
    assert names(helplines_for("en")) == ["ALO 183"]


def test_helplines_come_in_their_order_each_once(emergency):
    build.helpline("157", {"en": "YİMER", "tr": "YİMER"}, order=5)
    assert [helpline.number for helpline in helplines_for("en")] == ["157", "112"]


def test_a_provinces_own_helpline_is_shown_for_that_province_only(emergency):
    izmir, aydin = build.province("izmir"), build.province("aydin")
    build.helpline("153", {"en": "İzmir municipality"}, order=50, province=izmir)
    assert names(helplines_for("en")) == ["Emergency"]
    assert names(helplines_for("en", province=aydin)) == ["Emergency"]
    assert names(helplines_for("en", province=izmir)) == ["Emergency", "İzmir municipality"]


def test_changing_the_number_of_one_translation_changes_it_in_every_language(emergency):
    turkish = emergency["tr"]
    turkish.number = "0 232 112 00 00"
    turkish.save()
    assert set(Helpline.objects.values_list("number", flat=True)) == {"0 232 112 00 00"}


def test_a_helpline_is_dialled_by_its_digits_and_shown_left_to_right(home_page):
    build.helpline("+90 232 123 45 67", {"ar": "خط"})
    with translation.override("ar"):
        html = render_to_string("components/helplines.html", {"helplines": helplines_for("ar")})
    assert 'href="tel:+902321234567"' in html
    assert '<bdi class="helpline__number" dir="ltr">+90 232 123 45 67</bdi>' in html


def test_a_helpline_in_a_fallback_language_is_marked_with_its_language(emergency):
    with translation.override("ps"):
        html = render_to_string("components/helplines.html", {"helplines": helplines_for("ps")})
    assert 'lang="fa" dir="rtl"' in html


def test_co_chairs_are_given_the_right_to_edit_helplines_by_the_migrations(db):
    co_chairs = Group.objects.get(name=CO_CHAIRS)
    codenames = set(co_chairs.permissions.values_list("codename", flat=True))
    assert {"add_helpline", "change_helpline", "delete_helpline"} <= codenames


def test_co_chair_adds_a_helpline_in_the_admin(client, home_page):
    client.force_login(UserFactory(role="Co-chairs"))
    response = client.post(
        ADD_URL,
        {"number": "157", "name": "YİMER", "purpose": "Questions on residence.", "order": "30"},
    )
    assert response.status_code == 302
    assert names(helplines_for("en")) == ["YİMER"]


def test_co_chair_finds_helplines_in_the_admin_list(client, emergency):
    client.force_login(UserFactory(role="Co-chairs"))
    html = client.get("/admin/snippets/services_map/helpline/").content.decode()
    assert "Emergency" in html and "112" in html


def test_agency_editor_cannot_add_or_edit_helplines(client, emergency):
    client.force_login(UserFactory(role="Agency editors"))
    edit_url = f"/admin/snippets/services_map/helpline/edit/{emergency['en'].pk}/"
    assert client.get(edit_url).status_code in (302, 403)
    response = client.post(edit_url, {"number": "999", "name": "Fake", "order": "1"})
    assert response.status_code in (302, 403)
    assert client.get(ADD_URL).status_code in (302, 403)
    assert not Helpline.objects.filter(number="999").exists()


def test_demo_helplines_exist_in_all_six_languages_and_seeding_again_adds_none(home_page):
    seed_helplines(io.StringIO())
    count = Helpline.objects.count()
    seed_helplines(io.StringIO())
    assert Helpline.objects.count() == count
    for code in ("en", "tr", "ar", "fa", "ps", "kmr"):
        numbers = {helpline.number for helpline in helplines_for(code)}
        assert {"112", "155", "157", "183"} <= numbers
        assert all(helpline.locale.language_code == code for helpline in helplines_for(code))
