"""allauth's rate limits guard sign-in and password reset; neither tells who has an account."""

import pytest

from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD


def sign_in(client, email, password):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


@pytest.mark.django_db
def test_sign_in_is_refused_after_five_wrong_passwords_for_one_address(client, home_page):
    UserFactory(email="focal@asam.example")
    for _attempt in range(5):
        assert sign_in(client, "focal@asam.example", "wrong").status_code == 200
    # Even the right password is refused now: guessing on can no longer succeed.
    response = sign_in(client, "focal@asam.example", PASSWORD)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_from_one_address_is_answered_429_after_thirty_tries_a_minute(client, home_page):
    for n in range(30):
        sign_in(client, f"guess{n}@agency.example", "wrong")
    response = sign_in(client, "another@agency.example", "wrong")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


@pytest.mark.django_db
def test_the_rate_limit_page_is_in_the_site_frame_and_language(client, home_page):
    for n in range(30):
        sign_in(client, f"guess{n}@agency.example", "wrong")
    response = client.post("/ar/accounts/login/", {"login": "x@agency.example", "password": "x"})
    assert response.status_code == 429
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.django_db
def test_password_reset_is_refused_after_five_requests_for_one_address(
    client, home_page, mailoutbox
):
    UserFactory(email="focal@asam.example")
    for _attempt in range(5):
        response = client.post("/en/accounts/password/reset/", {"email": "focal@asam.example"})
        assert response.status_code == 302
    response = client.post("/en/accounts/password/reset/", {"email": "focal@asam.example"})
    assert response.status_code == 429
    assert len(mailoutbox) == 5


@pytest.mark.django_db
def test_sign_in_says_the_same_for_an_unknown_address_and_a_wrong_password(client, home_page):
    UserFactory(email="known@agency.example")
    known = sign_in(client, "known@agency.example", "wrong-password")
    unknown = sign_in(client, "unknown@agency.example", "wrong-password")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


@pytest.mark.django_db
def test_sign_in_of_an_unverified_address_does_not_tell_it_apart(client, home_page, mailoutbox):
    UserFactory(email="new@agency.example", verified=False)
    unverified = sign_in(client, "new@agency.example", "wrong-password")
    unknown = sign_in(client, "nobody@agency.example", "wrong-password")
    assert unverified.context["form"].errors == unknown.context["form"].errors
