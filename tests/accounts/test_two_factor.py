"""Two-factor authentication is required before anyone who edits reaches the Wagtail admin."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, MEMBERS
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, current_totp_code

SETUP_URL = "/en/accounts/2fa/totp/activate/"


def sign_in(client, email, next_url="/admin/"):
    return client.post(
        f"/en/accounts/login/?next={next_url}",
        {"login": email, "password": PASSWORD, "next": next_url},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", [CO_CHAIRS, GROUP_LEADS, AGENCY_EDITORS])
def test_editor_without_two_factor_is_sent_to_set_it_up(client, home_page, role):
    client.force_login(UserFactory(role=role, mfa=False))
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == SETUP_URL


@pytest.mark.django_db
def test_superuser_without_two_factor_is_sent_to_set_it_up(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, mfa=False))
    assert client.get("/admin/").url == SETUP_URL


@pytest.mark.django_db
@pytest.mark.parametrize("role", [CO_CHAIRS, GROUP_LEADS, AGENCY_EDITORS])
def test_editor_with_two_factor_reaches_the_admin(client, home_page, role):
    client.force_login(UserFactory(role=role))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_requirement_can_be_relaxed_for_development(client, home_page, settings):
    settings.ISWG_ADMIN_REQUIRES_MFA = False
    client.force_login(UserFactory(role=CO_CHAIRS, mfa=False))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_member_is_not_asked_for_two_factor_and_is_refused_the_admin(client, home_page):
    client.force_login(UserFactory(role=MEMBERS))
    response = client.get("/admin/pages/")
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


@pytest.mark.django_db
def test_editor_sets_up_two_factor_then_reaches_the_admin(client, home_page):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS, mfa=False)
    sign_in(client, editor.email)
    response = client.get("/admin/", follow=True)
    # allauth asks for the password again before a security setting changes.
    assert response.redirect_chain[-1][0].startswith("/en/accounts/reauthenticate/")
    assert "Set up two-factor authentication before you open the admin." in (
        response.content.decode()
    )
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == SETUP_URL
    html = response.content.decode()
    assert 'src="data:image/svg+xml' in html
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(SETUP_URL, {"code": code})
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_password_alone_does_not_open_the_admin(client, home_page):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    response = sign_in(client, editor.email)
    assert response.url == "/en/accounts/2fa/authenticate/"
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin.url.startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_a_wrong_code_does_not_open_the_admin(client, home_page):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    sign_in(client, editor.email)
    wrong = "000000" if current_totp_code(editor) != "000000" else "111111"
    response = client.post("/en/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_an_editor_cannot_remove_the_two_factor_the_admin_needs(client, home_page):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    sign_in(client, editor.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": current_totp_code(editor)})
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
