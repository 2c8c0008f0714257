"""allauth's rate limits guard sign-in, the two-factor step and password reset; they count each
visitor by the address the load balancer saw, and none of them tells who has an account."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from iswg_portal.accounts.roles import CO_CHAIRS
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, current_totp_code
from tests.proxy import settings_read_from, through_load_balancer

TWO_FACTOR_URL = "/en/accounts/2fa/authenticate/"
LOCKED = "Too many failed login attempts"


def sign_in(client, email, password, **request_headers):
    return client.post(
        "/en/accounts/login/", {"login": email, "password": password}, **request_headers
    )


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


def test_trusted_proxy_count_comes_from_the_environment():
    assert settings_read_from(TRUSTED_PROXY_COUNT="1")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert settings_read_from(TRUSTED_PROXY_COUNT="")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_trusted_proxy_count_that_is_not_a_whole_number_refuses_to_start(value):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        settings_read_from(TRUSTED_PROXY_COUNT=value)


@pytest.mark.django_db
def test_behind_the_load_balancer_ten_failures_of_one_visitor_do_not_stop_another(
    client, home_page, behind_one_load_balancer
):
    member = UserFactory(email="member@asam.example")
    attacker = Client()
    for n in range(10):
        sign_in(
            attacker, f"guess{n}@agency.example", "wrong", **through_load_balancer("198.51.100.66")
        )
    response = sign_in(client, member.email, PASSWORD, **through_load_balancer("203.0.113.10"))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db
def test_behind_the_load_balancer_a_flooding_visitor_gets_429_while_another_signs_in(
    client, home_page, behind_one_load_balancer
):
    member = UserFactory(email="member@asam.example")
    attacker = Client()
    for n in range(30):
        sign_in(
            attacker, f"guess{n}@agency.example", "wrong", **through_load_balancer("198.51.100.66")
        )
    flooding = sign_in(
        attacker, "one-more@agency.example", "wrong", **through_load_balancer("198.51.100.66")
    )
    assert flooding.status_code == 429
    response = sign_in(client, member.email, PASSWORD, **through_load_balancer("203.0.113.10"))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db
def test_behind_the_load_balancer_a_forged_forwarded_for_does_not_escape_the_limit(
    client, home_page, behind_one_load_balancer
):
    for n in range(30):
        forged = f"192.0.2.{n + 1}"
        headers = through_load_balancer("198.51.100.66", forged=forged)
        sign_in(client, f"guess{n}@agency.example", "wrong", **headers)
    headers = through_load_balancer("198.51.100.66", forged="192.0.2.200")
    assert sign_in(client, "one-more@agency.example", "wrong", **headers).status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client, home_page):
    # A server reached directly: whatever X-Forwarded-For says, the limit counts REMOTE_ADDR.
    for n in range(30):
        headers = {"REMOTE_ADDR": "198.51.100.66", "HTTP_X_FORWARDED_FOR": f"192.0.2.{n + 1}"}
        sign_in(client, f"guess{n}@agency.example", "wrong", **headers)
    headers = {"REMOTE_ADDR": "198.51.100.66", "HTTP_X_FORWARDED_FOR": "192.0.2.200"}
    assert sign_in(client, "one-more@agency.example", "wrong", **headers).status_code == 429


@pytest.mark.django_db
def test_a_request_that_skipped_a_trusted_proxy_is_counted_by_its_nearest_hop(
    client, home_page, settings
):
    # Two proxies configured, but this request passed only one (or came straight with a
    # header of its own): no server error, and the forged entry does not escape the limit.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = settings_read_from(TRUSTED_PROXY_COUNT="2")[
        "ALLAUTH_TRUSTED_PROXY_COUNT"
    ]
    for n in range(30):
        headers = {"REMOTE_ADDR": "198.51.100.66", "HTTP_X_FORWARDED_FOR": f"192.0.2.{n + 1}"}
        assert sign_in(client, f"guess{n}@agency.example", "wrong", **headers).status_code == 200
    headers = {"REMOTE_ADDR": "198.51.100.66", "HTTP_X_FORWARDED_FOR": "192.0.2.200"}
    assert sign_in(client, "one-more@agency.example", "wrong", **headers).status_code == 429


@pytest.mark.django_db
def test_a_strangers_failures_against_a_co_chair_do_not_lock_the_co_chair_out(
    client, home_page, behind_one_load_balancer
):
    co_chair = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    for stranger in ["198.51.100.66", "198.51.100.67"]:
        for _attempt in range(5):
            sign_in(Client(), co_chair.email, "guess", **through_load_balancer(stranger))
    response = sign_in(client, co_chair.email, PASSWORD, **through_load_balancer("203.0.113.10"))
    # The password is accepted and the co-chair is asked for the authenticator code.
    assert response.status_code == 302
    assert response.url == TWO_FACTOR_URL


@pytest.mark.django_db
def test_a_stranger_who_failed_five_times_cannot_go_on_guessing_the_co_chairs_password(
    client, home_page, behind_one_load_balancer
):
    co_chair = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    stranger = through_load_balancer("198.51.100.66")
    for _attempt in range(5):
        sign_in(client, co_chair.email, "guess", **stranger)
    response = sign_in(client, co_chair.email, PASSWORD, **stranger)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()


@pytest.mark.django_db
def test_an_ipv6_visitor_cannot_go_on_guessing_by_changing_address_within_their_network(
    client, home_page
):
    UserFactory(email="focal@asam.example")
    for host in range(1, 6):
        sign_in(client, "focal@asam.example", "guess", REMOTE_ADDR=f"2001:db8:5::{host}")
    response = sign_in(client, "focal@asam.example", PASSWORD, REMOTE_ADDR="2001:db8:5::99")
    assert LOCKED in response.content.decode()


def wrong_code(user):
    return "000000" if current_totp_code(user) != "000000" else "111111"


@pytest.mark.django_db
def test_five_wrong_authenticator_codes_stop_the_two_factor_step_from_every_address(
    home_page, behind_one_load_balancer
):
    # Whoever holds the password cannot spread code guesses over many addresses.
    co_chair = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    guesser = Client()
    sign_in(guesser, co_chair.email, PASSWORD, **through_load_balancer("198.51.100.66"))
    for _attempt in range(5):
        guesser.post(TWO_FACTOR_URL, {"code": wrong_code(co_chair)})
    elsewhere = Client()
    headers = through_load_balancer("203.0.113.10")
    assert sign_in(elsewhere, co_chair.email, PASSWORD, **headers).url == TWO_FACTOR_URL
    response = elsewhere.post(TWO_FACTOR_URL, {"code": current_totp_code(co_chair)}, **headers)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert elsewhere.get("/admin/").status_code == 302
