"""Two-factor authentication is required before anyone who edits reaches the Wagtail admin."""

import time

import pytest
from allauth.core import context
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, MEMBERS
from tests.factories import UserFactory
from tests.factories.accounts import (
    PASSWORD,
    current_totp_code,
    prove_mailbox,
)

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
    assert response.url == SETUP_URL + "?next=%2Fadmin%2Fpages%2F"


@pytest.mark.django_db
def test_superuser_without_two_factor_is_sent_to_set_it_up(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, mfa=False))
    assert client.get("/admin/").url == SETUP_URL + "?next=%2Fadmin%2F"


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


# --- Nothing but enrolment without an authenticator ------------------------------------------


@pytest.fixture
def open_point(home_page):
    """An open action point of the Protection group, raised at its last meeting."""
    from meetings.models import ActionPoint
    from tests.factories.meetings import make_group, make_meeting

    group = make_group(home_page, title="Protection WG")
    make_meeting(
        group,
        agenda=[{"title": "Cases", "outcomes": [{"kind": "action_point", "text": "Call ASAM"}]}],
    )
    return group, ActionPoint.objects.get(text="Call ASAM")


@pytest.mark.django_db
def test_a_lead_without_two_factor_cannot_change_an_action_points_status(client, open_point):
    group, point = open_point
    client.force_login(UserFactory(role=GROUP_LEADS, organisation=group, mfa=False))
    response = client.post(
        f"/en/meetings/action-points/{point.pk}/status/", {"status": "done"}, follow=True
    )
    assert response.redirect_chain[0] == (SETUP_URL, 302)
    assert "Set up two-factor authentication before you change anything." in (
        response.content.decode()
    )
    point.refresh_from_db()
    assert point.status == "open"


@pytest.mark.django_db
def test_a_lead_with_two_factor_still_changes_it(client, open_point):
    group, point = open_point
    client.force_login(UserFactory(role=GROUP_LEADS, organisation=group))
    client.post(f"/en/meetings/action-points/{point.pk}/status/", {"status": "done"})
    point.refresh_from_db()
    assert point.status == "done"


@pytest.mark.django_db
def test_an_editor_without_two_factor_cannot_change_their_profile(client, home_page):
    editor = UserFactory(role=AGENCY_EDITORS, mfa=False, first_name="Ayşe")
    client.force_login(editor)
    response = client.post(
        "/en/accounts/profile/",
        {"first_name": "Mallory", "last_name": "X", "preferred_language": "en"},
    )
    assert response.url == SETUP_URL
    editor.refresh_from_db()
    assert editor.first_name == "Ayşe"


@pytest.mark.django_db
def test_a_member_needs_no_authenticator_to_change_their_profile(client, home_page):
    member = UserFactory(role=MEMBERS, first_name="Ayşe")
    client.force_login(member)
    client.post(
        "/en/accounts/profile/",
        {"first_name": "Ayla", "last_name": "X", "preferred_language": "en"},
    )
    member.refresh_from_db()
    assert member.first_name == "Ayla"


# --- A new authenticator needs a fresh sign-in and is told to the account ---------------------


def post_and_commit(client, url, data, capture):
    """POST, then run what allauth defers to the commit (its notices), as in production, where
    each query commits at once, inside the request."""
    with capture(execute=False) as callbacks:
        response = client.post(url, data)
    with context.request_context(response.wsgi_request):
        for callback in callbacks:
            callback()
    return response


def signed_in_with_two_factor(client, user):
    sign_in(client, user.email)
    client.post("/en/accounts/2fa/authenticate/", {"code": current_totp_code(user)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_setting_up_two_factor_is_emailed_to_the_account(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS, mfa=False)
    sign_in(client, editor.email)
    prove_mailbox(client, mailoutbox)
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    client.get(SETUP_URL)
    secret = client.session["mfa.totp.secret"]
    mailoutbox.clear()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    post_and_commit(client, SETUP_URL, {"code": code}, django_capture_on_commit_callbacks)
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
    assert [message.to for message in mailoutbox] == [["editor@asam.example"]]
    assert "Authenticator App Activated" in mailoutbox[0].subject


@pytest.mark.django_db
def test_new_recovery_codes_need_a_fresh_sign_in(client, home_page):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    signed_in_with_two_factor(client, editor)
    response = client.post("/en/accounts/2fa/recovery-codes/generate/")
    assert response.url.startswith("/en/accounts/reauthenticate/")
    assert not Authenticator.objects.filter(user=editor, type="recovery_codes").exists()


@pytest.mark.django_db
def test_new_recovery_codes_are_emailed_to_the_account(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    signed_in_with_two_factor(client, editor)
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    mailoutbox.clear()
    post_and_commit(
        client, "/en/accounts/2fa/recovery-codes/generate/", {}, django_capture_on_commit_callbacks
    )
    assert Authenticator.objects.filter(user=editor, type="recovery_codes").exists()
    assert [message.to for message in mailoutbox] == [["editor@asam.example"]]


# --- Logging out -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_get_admin_logout_does_not_claim_a_logout(client, home_page):
    client.force_login(UserFactory(role=CO_CHAIRS))
    response = client.get("/admin/logout/", follow=True)
    html = response.content.decode() + client.get("/admin/").content.decode()
    assert "logged out" not in html and "signed out" not in html
    assert response.redirect_chain == [("/en/accounts/logout/", 302)]
    assert 'method="post"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "person",
    [{"role": CO_CHAIRS}, {"role": MEMBERS}, {"role": AGENCY_EDITORS, "mfa": False}],
    ids=["co-chair", "member", "editor without two-factor"],
)
def test_admin_logout_ends_the_session_on_the_server(client, home_page, person):
    client.force_login(UserFactory(**person))
    old_cookie = client.cookies["sessionid"].value
    response = client.post("/admin/logout/", follow=True)
    assert "You have signed out." in response.content.decode()
    client.cookies["sessionid"] = old_cookie
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin.url.startswith("/en/accounts/login/")
