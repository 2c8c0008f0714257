"""A person's own profile: name and e-mail language to change, roles to read, links to security."""

import pytest

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, MEMBERS
from tests.factories import UserFactory


@pytest.fixture
def editor(home_page, roles, asam_group):
    """An agency editor of ASAM."""
    person = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    person.groups.add(asam_group)
    return person


@pytest.mark.django_db
def test_profile_shows_roles_and_agency(client, editor):
    client.force_login(editor)
    html = client.get("/en/accounts/profile/").content.decode()
    assert "Agency editor" in html
    assert "Agency: ASAM" in html


@pytest.mark.django_db
def test_profile_links_to_password_and_two_factor_pages(client, editor):
    client.force_login(editor)
    html = client.get("/tr/accounts/profile/").content.decode()
    assert 'href="/tr/accounts/password/change/"' in html
    assert 'href="/tr/accounts/2fa/"' in html
    assert '<html lang="tr"' in html


@pytest.mark.django_db
def test_saving_the_profile_changes_name_and_language(client, editor):
    client.force_login(editor)
    response = client.post(
        "/en/accounts/profile/",
        {"first_name": "Elif", "last_name": "Şahin", "preferred_language": "ar"},
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert (editor.first_name, editor.preferred_language) == ("Elif", "ar")


@pytest.mark.django_db
def test_a_person_cannot_give_themselves_a_role_from_the_profile(client, editor, roles):
    client.force_login(editor)
    client.post(
        "/en/accounts/profile/",
        {
            "first_name": "Elif",
            "last_name": "Şahin",
            "preferred_language": "en",
            "groups": [roles[CO_CHAIRS].pk],
            "is_superuser": "on",
        },
    )
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert not editor.groups.filter(name=CO_CHAIRS).exists()


@pytest.mark.django_db
def test_an_unknown_language_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(
        "/en/accounts/profile/",
        {"first_name": "Elif", "last_name": "Şahin", "preferred_language": "xx"},
    )
    assert response.status_code == 200
    assert "preferred_language" in response.context["form"].errors
    editor.refresh_from_db()
    assert editor.preferred_language == "en"


@pytest.mark.django_db
def test_a_person_without_a_role_is_told_they_have_no_rights(client, home_page):
    client.force_login(UserFactory())
    html = client.get("/en/accounts/profile/").content.decode()
    assert "no role yet" in html


@pytest.mark.django_db
def test_the_profile_needs_sign_in(client, home_page):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_password_reset_mail_is_written_in_the_accounts_language(client, home_page, mailoutbox):
    UserFactory(email="member@agency.example", role=MEMBERS, preferred_language="tr")
    client.post("/en/accounts/password/reset/", {"email": "member@agency.example"})
    [message] = mailoutbox
    assert "Merhaba" in message.body
    assert "Hello" not in message.body


@pytest.mark.django_db
def test_the_header_links_a_signed_in_person_to_their_account(client, home_page):
    client.force_login(UserFactory())
    html = client.get("/tr/").content.decode()
    assert 'href="/tr/accounts/profile/"' in html


@pytest.mark.django_db
def test_the_sign_in_page_offers_to_request_an_account(client, home_page):
    html = client.get("/en/accounts/login/").content.decode()
    assert 'href="/en/accounts/request-access/"' in html


@pytest.mark.django_db
def test_wagtails_own_e_mail_follows_the_preferred_language(client, editor):
    client.force_login(editor)
    client.post(
        "/en/accounts/profile/",
        {"first_name": "Elif", "last_name": "Şahin", "preferred_language": "fa"},
    )
    editor.refresh_from_db()
    assert editor.wagtail_userprofile.get_preferred_language() == "fa"
