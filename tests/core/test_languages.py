"""The six interface languages: locale data Django and Wagtail lack, and the admin beside them."""

import datetime

import pytest
from django.conf import settings
from django.utils import formats, translation
from wagtail.admin.localization import WAGTAILADMIN_PROVIDED_LANGUAGES
from wagtail.models import Locale

from iswg_portal.core.locales import ensure_locales
from iswg_portal.core.templatetags.portal_tags import join_list
from tests.factories import UserFactory

RIGHT_TO_LEFT = {"ar", "fa", "ps"}


@pytest.mark.parametrize(("code", "name"), settings.LANGUAGES)
def test_every_language_has_locale_data_naming_it_in_itself(code, name):
    info = translation.get_language_info(code)
    assert info["name"]
    assert info["name_local"].replace("\u0651", "") == name  # Django writes Arabic with a shadda
    assert info["bidi"] == (code in RIGHT_TO_LEFT)


@pytest.mark.parametrize(("code", "_name"), settings.LANGUAGES)
def test_django_and_the_portal_agree_on_the_direction_of_every_language(code, _name):
    with translation.override(code):
        assert translation.get_language_bidi() == (code in RIGHT_TO_LEFT)


def test_ensure_locales_makes_a_wagtail_locale_for_each_of_the_six(db):
    locales = ensure_locales()
    assert list(locales) == ["en", "tr", "ar", "fa", "ps", "kmr"]
    assert Locale.objects.get(language_code="kmr").get_display_name() == "Kurmancî"
    assert Locale.objects.get(language_code="ps").is_bidi


def test_admin_is_offered_only_in_languages_wagtail_is_translated_into():
    provided = {code for code, _name in WAGTAILADMIN_PROVIDED_LANGUAGES}
    permitted = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    assert permitted == {"en", "tr", "ar", "fa"}
    assert permitted <= provided


def test_superuser_opens_the_pages_list_with_six_content_languages(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/admin/pages/").status_code == 200
    response = client.get(f"/admin/pages/{home_page.pk}/")
    assert response.status_code == 200
    locales = client.get("/admin/locales/").content.decode()
    for _code, name in settings.LANGUAGES:
        assert name in locales


def test_a_pashto_browser_gets_the_admin_in_english(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/pages/", headers={"accept-language": "ps"})
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr"' in response.content.decode()


def test_an_editor_who_reads_pashto_still_opens_the_admin(client, home_page):
    editor = UserFactory(is_superuser=True, is_staff=True, preferred_language="ps")
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ps", "13 مارچ 2026"), ("kmr", "13 Adar 2026"), ("tr", "13 Mart 2026")],
)
def test_dates_name_the_month_in_the_language_of_the_page(code, expected):
    with translation.override(code):
        assert formats.date_format(datetime.date(2026, 3, 13)) == expected


@pytest.mark.parametrize(
    ("code", "joined"),
    [
        ("en", "Women, Children"),
        ("tr", "Women, Children"),
        ("ar", "Women، Children"),
        ("fa", "Women، Children"),
        ("ps", "Women، Children"),
    ],
)
def test_lists_are_joined_with_the_comma_of_the_visitors_language(code, joined):
    with translation.override(code):
        assert join_list(["Women", "Children"]) == joined
    with translation.override("ar"):
        assert join_list(["<b>"]) == "&lt;b&gt;"
