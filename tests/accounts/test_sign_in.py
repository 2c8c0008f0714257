"""Signing in through allauth, for the public site and the Wagtail admin alike."""

import pytest
from django.urls import reverse

from iswg_portal.accounts.roles import CO_CHAIRS
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, current_totp_code


@pytest.mark.django_db
def test_sign_in_with_email_and_password(client, home_page):
    user = UserFactory(email="focal.point@asam.example")
    response = client.post(
        "/en/accounts/login/", {"login": "Focal.Point@asam.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, home_page):
    UserFactory(email="focal.point@asam.example")
    response = client.post(
        "/en/accounts/login/", {"login": "focal.point@asam.example", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "not correct" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_page_uses_the_site_frame_and_language(client, home_page):
    html = client.get("/ar/accounts/login/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="skip-link"' in html
    assert 'for="id_login"' in html and 'for="id_password"' in html


@pytest.mark.django_db
def test_admin_sends_anonymous_visitor_to_allauth_sign_in(client, home_page):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    assert "next=/admin/pages/" in response.url


@pytest.mark.django_db
def test_after_sign_in_the_admin_visitor_comes_back_to_the_admin(client, home_page):
    co_chair = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    response = client.post(
        "/en/accounts/login/?next=/admin/pages/",
        {"login": "cochair@unhcr.example", "password": PASSWORD, "next": "/admin/pages/"},
    )
    assert response.url == "/en/accounts/2fa/authenticate/"
    response = client.post(response.url, {"code": current_totp_code(co_chair)})
    assert response.status_code == 302
    assert response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_admin_loads_no_avatar_from_another_host(client, home_page):
    user = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html


@pytest.mark.django_db
def test_wagtail_login_form_is_not_reachable(client, home_page):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    post = client.post("/admin/login/", {"username": "x@example.org", "password": "y"})
    assert post.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_redirect_refuses_foreign_next(client, home_page):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert "evil.example" not in response.url


@pytest.mark.django_db
def test_wagtail_password_reset_is_off(client, home_page):
    response = client.get("/admin/password_reset/", follow=True)
    assert response.status_code == 404


@pytest.mark.django_db
def test_signing_up_alone_is_closed(client, home_page):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@x.example",
            "password1": "A-long-passw0rd!",
            "password2": "A-long-passw0rd!",
        },
    )
    from iswg_portal.accounts.models import User

    assert not User.objects.filter(email="new@x.example").exists()


@pytest.mark.django_db
def test_password_reset_does_not_reveal_whether_an_account_exists(client, home_page, mailoutbox):
    UserFactory(email="known@agency.example")
    known = client.post("/en/accounts/password/reset/", {"email": "known@agency.example"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "unknown@agency.example"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mailoutbox][0] == ["known@agency.example"]


@pytest.mark.django_db
def test_wagtails_front_end_login_form_is_not_reachable(client, home_page):
    UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    response = client.post(
        "/en/_util/login/", {"username": "cochair@unhcr.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtails_front_end_login_keeps_a_same_site_next(client, home_page):
    response = client.get("/en/_util/login/?next=/documents/1/minutes.txt")
    assert response.url == "/en/accounts/login/?next=%2Fdocuments%2F1%2Fminutes.txt"
    foreign = client.get("/en/_util/login/?next=https://evil.example/")
    assert "evil" not in foreign.url
