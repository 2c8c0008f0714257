"""A first authenticator app needs the account's mailbox, not only its password: whoever holds
a group lead's password must not tie the account to their own phone (issue 14, finding 8)."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from iswg_portal.accounts.roles import GROUP_LEADS, MEMBERS
from tests.factories import UserFactory
from tests.factories.accounts import (
    MAILBOX_STEP_URL,
    PASSWORD,
    mailbox_code_in,
    prove_mailbox,
)

SETUP_URL = "/en/accounts/2fa/totp/activate/"
STEP_URL = MAILBOX_STEP_URL.format(language="en")
WRONG_CODE_MESSAGE = "This code is not right."


def signed_in(client, user, language="en"):
    """A session opened with the password alone, as an attacker who knows it would open one."""
    response = client.post(
        f"/{language}/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def reauthenticated(client):
    """allauth asks for the password again before the app is set up: the attacker has it."""
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def ask_for_code(client, outbox):
    client.post(STEP_URL, {"send": "1"})
    return mailbox_code_in(outbox[-1])


def a_wrong_code(right):
    return "1111 1111" if right != "1111 1111" else "2222 2222"


def activate_with_app(client):
    """Open the setup page and type the code the new app shows; True when it now exists."""
    client.get(SETUP_URL)
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    return client.post(SETUP_URL, {"code": code})


@pytest.fixture
def lead(home_page):
    """A group lead who has not set up an authenticator app yet, writing e-mail in Turkish."""
    return UserFactory(
        email="lead@protection.example", role=GROUP_LEADS, mfa=False, preferred_language="tr"
    )


def has_app(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_a_password_alone_does_not_open_the_authenticator_setup(client, lead):
    reauthenticated(signed_in(client, lead))
    response = client.get(SETUP_URL)
    assert response.status_code == 302
    assert response.url == STEP_URL
    assert "mfa.totp.secret" not in client.session
    # Posting a code straight to the setup address does nothing either.
    response = client.post(SETUP_URL, {"code": "123456"})
    assert response.url == STEP_URL
    assert not has_app(lead)


@pytest.mark.django_db
def test_the_mailbox_step_sends_nothing_until_asked(client, lead, mailoutbox):
    signed_in(client, lead)
    response = client.get(STEP_URL)
    assert "lead@protection.example" in response.content.decode()
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_code_goes_to_the_confirmed_address_in_the_persons_language(client, lead, mailoutbox):
    signed_in(client, lead)
    response = client.post(STEP_URL, {"send": "1"}, follow=True)
    assert [message.to for message in mailoutbox] == [["lead@protection.example"]]
    assert "İki adımlı doğrulamayı kurmak için kodunuz" in mailoutbox[0].subject
    assert "/tr/accounts/password/reset/" in mailoutbox[0].body
    code = mailbox_code_in(mailoutbox[0])
    # The code is in the e-mail only, never on the page or in the session.
    assert code not in response.content.decode()
    assert code.replace(" ", "") not in str(dict(client.session))


@pytest.mark.django_db
def test_a_wrong_code_is_refused(client, lead, mailoutbox):
    signed_in(client, lead)
    right = ask_for_code(client, mailoutbox)
    response = client.post(STEP_URL, {"code": a_wrong_code(right)})
    assert response.status_code == 200
    assert WRONG_CODE_MESSAGE in response.content.decode()
    assert client.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_too_many_wrong_codes_are_stopped_even_before_the_right_one(client, lead, mailoutbox):
    signed_in(client, lead)
    right = ask_for_code(client, mailoutbox)
    for _attempt in range(5):
        assert WRONG_CODE_MESSAGE in client.post(STEP_URL, {"code": a_wrong_code(right)}).text
    response = client.post(STEP_URL, {"code": right})
    assert response.status_code == 429
    assert client.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_the_limit_counts_the_account_not_the_browser(client, lead, mailoutbox):
    signed_in(client, lead)
    right = ask_for_code(client, mailoutbox)
    for _attempt in range(5):
        client.post(STEP_URL, {"code": a_wrong_code(right)})
    elsewhere = signed_in(Client(), lead)
    fresh = ask_for_code(elsewhere, mailoutbox)
    assert elsewhere.post(STEP_URL, {"code": fresh}).status_code == 429


@pytest.mark.django_db
def test_asking_for_codes_again_and_again_is_limited(client, lead, mailoutbox):
    signed_in(client, lead)
    for _request in range(3):
        client.post(STEP_URL, {"send": "1"})
    assert client.post(STEP_URL, {"send": "1"}).status_code == 429
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_the_right_code_opens_the_setup_and_the_app_is_activated(client, lead, mailoutbox):
    signed_in(client, lead)
    response = prove_mailbox(client, mailoutbox)
    assert response.url == SETUP_URL
    reauthenticated(client)
    setup = client.get(SETUP_URL)
    assert setup.status_code == 200
    assert 'src="data:image/svg+xml' in setup.content.decode()
    activate_with_app(client)
    assert has_app(lead)


@pytest.mark.django_db
def test_a_code_works_once(client, lead, mailoutbox):
    signed_in(client, lead)
    prove_mailbox(client, mailoutbox)
    reauthenticated(client)
    activate_with_app(client)
    Authenticator.objects.filter(user=lead).delete()
    response = client.post(STEP_URL, {"code": mailbox_code_in(mailoutbox[-1])})
    assert response.status_code == 200
    assert "This code has expired" in response.content.decode()
    assert client.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_a_code_expires_after_a_quarter_of_an_hour(client, lead, mailoutbox, monkeypatch):
    signed_in(client, lead)
    code = ask_for_code(client, mailoutbox)
    sent_at = time.time()
    monkeypatch.setattr(time, "time", lambda: sent_at + 15 * 60 + 1)
    response = client.post(STEP_URL, {"code": code})
    assert response.status_code == 200
    assert "This code has expired" in response.content.decode()
    assert client.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_a_proven_mailbox_opens_the_setup_for_a_quarter_of_an_hour_only(
    client, lead, mailoutbox, monkeypatch
):
    signed_in(client, lead)
    prove_mailbox(client, mailoutbox)
    proven_at = time.time()
    monkeypatch.setattr(time, "time", lambda: proven_at + 15 * 60 + 1)
    assert client.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_a_code_from_one_session_does_not_work_in_another(client, lead, mailoutbox):
    signed_in(client, lead)
    first = ask_for_code(client, mailoutbox)
    other = signed_in(Client(), lead)
    response = other.post(STEP_URL, {"code": first})
    assert "This code has expired, or was asked for in another browser." in response.text
    second = ask_for_code(other, mailoutbox)
    assert second != first
    assert WRONG_CODE_MESSAGE in other.post(STEP_URL, {"code": first}).text
    assert other.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_a_member_setting_up_a_first_app_proves_the_mailbox_too(client, home_page):
    member = UserFactory(role=MEMBERS)
    signed_in(client, member)
    assert client.get(SETUP_URL).url == STEP_URL


@pytest.mark.django_db
def test_a_code_typed_with_persian_digits_is_read(client, lead, mailoutbox):
    signed_in(client, lead)
    code = ask_for_code(client, mailoutbox)
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert client.post(STEP_URL, {"code": persian}).url == SETUP_URL
