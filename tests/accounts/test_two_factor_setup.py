"""Setting up two-factor authentication as one sequence that explains itself: why the person is
there, the e-mailed code, the authenticator app, the recovery codes, then on to the page they
asked for. No password prompt right after signing in; later changes still ask for it."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, MEMBERS
from iswg_portal.accounts.two_factor import role_requiring_two_factor
from iswg_portal.core.redirects import with_next
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, app_code, current_totp_code, mailbox_code_in

SETUP = "/{language}/accounts/2fa/totp/activate/"
MAILBOX_STEP = "/{language}/accounts/2fa/confirm-email/"
RECOVERY_CODES = "/{language}/accounts/2fa/recovery-codes/"
REAUTHENTICATE = "/en/accounts/reauthenticate/"
WINDOW = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


@pytest.fixture
def new_co_chair(home_page):
    """A co-chair who has just accepted their invitation: no authenticator app yet."""
    return UserFactory(email="new.cochair@unhcr.example", role=CO_CHAIRS, mfa=False)


def sign_in(client, user, next_url="/admin/pages/", language="en"):
    """Through allauth's sign-in form, with the page the person asked for; the last response."""
    return client.post(
        f"/{language}/accounts/login/?next={next_url}",
        {"login": user.email, "password": PASSWORD, "next": next_url},
        follow=True,
    )


def prove_mailbox(client, outbox, step_url):
    """Ask for the e-mailed code on the set-up's first step and type it back."""
    client.post(step_url, {"send": "1"})
    return client.post(step_url, {"code": mailbox_code_in(outbox[-1])})


def at_the_app_step(client, user, outbox, language="en"):
    """Signed in moments ago, mailbox proven: the set-up's app step is next."""
    sign_in(client, user)
    prove_mailbox(client, outbox, MAILBOX_STEP.format(language=language))


def connect_app(client, setup_url, typing=lambda code: code):
    """Open the set-up's app step, read the key as the app would from the QR code, and type
    the code the app then shows (as `typing` turns it); the POST's response."""
    page = client.get(setup_url)
    assert page.status_code == 200, page
    secret = client.session["mfa.totp.secret"]
    return client.post(setup_url, {"code": typing(app_code(secret))})


def has_app(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def continue_link(html):
    """Where the recovery codes page's "Continue" button leads."""
    match = re.search(r'<a class="button" href="([^"]*)">Continue</a>', html)
    assert match, html
    return match.group(1)


def later(monkeypatch, seconds):
    """Move the clock on by `seconds` for everything that reads time.time()."""
    now = time.time
    monkeypatch.setattr(time, "time", lambda: now() + seconds)


@pytest.mark.django_db
def test_a_new_co_chair_is_led_from_sign_in_through_the_set_up_to_the_page_they_asked_for(
    client, new_co_chair, mailoutbox
):
    response = sign_in(client, new_co_chair)
    setup = with_next(SETUP.format(language="en"), "/admin/pages/")
    step_one = with_next(MAILBOX_STEP.format(language="en"), "/admin/pages/")
    # Sent to the set-up once, straight to its first step, with no password prompt on the way.
    assert [url for url, _status in response.redirect_chain] == ["/admin/pages/", setup, step_one]
    html = response.content.decode()
    assert "Your role, Co-chair, can change what the portal publishes." in html
    assert "Step 1 of 3: Confirm your e-mail address" in html
    assert 'aria-current="step"' in html

    assert prove_mailbox(client, mailoutbox, step_one).url == setup
    page = client.get(setup)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Step 2 of 3: Connect your authenticator app" in html
    assert "Your role, Co-chair, can change what the portal publishes." in html
    assert 'src="data:image/svg+xml;base64,' in html
    # The key for those who type it, in groups of four.
    secret = client.session["mfa.totp.secret"]
    shown = re.search(r'<code class="setup-secret" id="authenticator-key">([^<]*)</code>', html)
    assert shown.group(1).replace(" ", "") == secret
    assert re.fullmatch(r"(\w{4} )*\w{1,4}", shown.group(1))
    assert 'autocomplete="one-time-code"' in html

    response = client.post(setup, {"code": app_code(secret)})
    assert has_app(new_co_chair)
    assert response.url == with_next(RECOVERY_CODES.format(language="en"), "/admin/pages/")
    codes_page = client.get(response.url)
    html = codes_page.content.decode()
    assert "Step 3 of 3: Save your recovery codes" in html
    codes = Authenticator.objects.get(user=new_co_chair, type="recovery_codes")
    for code in codes.wrap().get_unused_codes():
        assert f"<li><code>{code}</code></li>" in html
    assert 'href="/en/accounts/2fa/recovery-codes/download/"' in html
    assert continue_link(html) == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_the_set_up_opens_in_the_persons_own_language_from_the_admin(client, home_page):
    client.force_login(UserFactory(role=GROUP_LEADS, mfa=False, preferred_language="ar"))
    response = client.get("/admin/pages/", follow=True)
    assert (
        response.redirect_chain[-1][0] == "/ar/accounts/2fa/confirm-email/?next=%2Fadmin%2Fpages%2F"
    )
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.django_db
def test_a_session_older_than_the_window_is_asked_for_the_password(
    client, new_co_chair, mailoutbox, monkeypatch
):
    sign_in(client, new_co_chair)
    later(monkeypatch, WINDOW + 1)
    setup = with_next(SETUP.format(language="en"), "/admin/pages/")
    prove_mailbox(
        client, mailoutbox, with_next(MAILBOX_STEP.format(language="en"), "/admin/pages/")
    )
    response = client.get(setup)
    assert response.status_code == 302
    assert response.url.startswith(REAUTHENTICATE)
    assert "mfa.totp.secret" not in client.session
    page = client.get(response.url)
    assert "type your password again" in page.content.decode()
    # Once the password is typed, the set-up goes on where it was, `next` and all.
    response = client.post(response.url, {"password": PASSWORD, "next": setup})
    assert response.url == setup
    assert connect_app(client, setup).status_code == 302
    assert has_app(new_co_chair)


@pytest.mark.django_db
def test_a_sign_in_just_inside_the_window_still_counts(
    client, new_co_chair, mailoutbox, monkeypatch
):
    sign_in(client, new_co_chair)
    later(monkeypatch, WINDOW - 30)
    prove_mailbox(client, mailoutbox, MAILBOX_STEP.format(language="en"))
    assert connect_app(client, SETUP.format(language="en")).status_code == 302
    assert has_app(new_co_chair)


@pytest.mark.django_db
def test_later_changes_ask_for_the_password_again(client, new_co_chair, mailoutbox, monkeypatch):
    at_the_app_step(client, new_co_chair, mailoutbox)
    connect_app(client, SETUP.format(language="en"))
    before = Authenticator.objects.get(user=new_co_chair, type="recovery_codes").data
    # New codes, even moments after the set-up, are a change of their own.
    assert client.post("/en/accounts/2fa/recovery-codes/generate/").url.startswith(REAUTHENTICATE)
    later(monkeypatch, WINDOW + 1)
    response = client.post("/en/accounts/2fa/recovery-codes/generate/")
    assert response.url.startswith(REAUTHENTICATE)
    assert client.get(RECOVERY_CODES.format(language="en")).url.startswith(REAUTHENTICATE)
    assert Authenticator.objects.get(user=new_co_chair, type="recovery_codes").data == before


@pytest.mark.django_db
def test_an_account_that_had_an_app_before_this_sign_in_is_asked_for_the_password(
    client, home_page
):
    """The sign-in counts only for the set-up of a first app: new recovery codes, a new app,
    removing one are asked for again even seconds after signing in (with the app's code)."""
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS)
    sign_in(client, editor)
    client.post("/en/accounts/2fa/authenticate/", {"code": current_totp_code(editor)})
    assert client.get("/admin/").status_code == 200
    assert client.post("/en/accounts/2fa/recovery-codes/generate/").url.startswith(REAUTHENTICATE)
    assert client.post("/en/accounts/2fa/totp/deactivate/").url.startswith(REAUTHENTICATE)
    assert has_app(editor)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "outside", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"]
)
def test_an_address_on_another_site_is_never_where_the_set_up_leads(
    client, new_co_chair, mailoutbox, outside
):
    sign_in(client, new_co_chair, next_url="/en/")
    step_one = with_next(MAILBOX_STEP.format(language="en"), outside)
    pages = [client.get(step_one)]
    pages.append(prove_mailbox(client, mailoutbox, step_one))
    assert pages[-1].url == SETUP.format(language="en")
    setup = with_next(SETUP.format(language="en"), outside)
    pages.append(connect_app(client, setup))
    assert pages[-1].url == RECOVERY_CODES.format(language="en")
    pages.append(client.get(with_next(RECOVERY_CODES.format(language="en"), outside)))
    html = pages[-1].content.decode()
    # A co-chair goes on to the admin's start page instead.
    assert continue_link(html) == "/admin/"
    for page in pages:
        assert outside not in page.get("Location", "")
        assert f'href="{outside}' not in page.content.decode()


@pytest.mark.django_db
def test_a_code_typed_with_arabic_indic_digits_and_spaces_is_read(client, new_co_chair, mailoutbox):
    at_the_app_step(client, new_co_chair, mailoutbox)
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    response = connect_app(
        client,
        SETUP.format(language="en"),
        typing=lambda code: f"{code[:3]} {code[3:]}".translate(arabic_indic),
    )
    assert response.status_code == 302
    assert has_app(new_co_chair)


@pytest.mark.django_db
def test_a_wrong_app_code_is_refused_with_what_to_check(client, new_co_chair, mailoutbox):
    at_the_app_step(client, new_co_chair, mailoutbox, language="tr")
    response = connect_app(
        client, SETUP.format(language="tr"), typing=lambda code: f"{(int(code) + 1) % 10**6:06d}"
    )
    assert response.status_code == 200
    assert "Bu kod doğru değil." in response.content.decode()
    assert not has_app(new_co_chair)


@pytest.mark.django_db
def test_the_recovery_codes_download_says_what_they_are(client, new_co_chair, mailoutbox):
    at_the_app_step(client, new_co_chair, mailoutbox)
    connect_app(client, SETUP.format(language="en"))
    page = client.get(RECOVERY_CODES.format(language="en")).content.decode()
    assert "data-print hidden>Print the codes</button>" in page
    assert "js/print-button" in page
    download = client.get("/en/accounts/2fa/recovery-codes/download/")
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    text = download.content.decode()
    assert text.startswith("Recovery codes for new.cochair@unhcr.example on the ISWG Portal.")
    codes = Authenticator.objects.get(user=new_co_chair, type="recovery_codes")
    assert all(code in text for code in codes.wrap().get_unused_codes())


@pytest.mark.django_db
def test_a_member_setting_up_of_their_own_accord_is_told_why_it_helps(
    client, home_page, mailoutbox
):
    member = UserFactory(role=MEMBERS, mfa=False)
    sign_in(client, member, next_url="/en/")
    step_one = client.get(MAILBOX_STEP.format(language="en")).content.decode()
    assert "Two-factor authentication protects your account" in step_one
    assert "can change what the portal publishes" not in step_one
    prove_mailbox(client, mailoutbox, MAILBOX_STEP.format(language="en"))
    connect_app(client, SETUP.format(language="en"))
    html = client.get(RECOVERY_CODES.format(language="en")).content.decode()
    assert continue_link(html) == "/en/accounts/profile/"


@pytest.mark.django_db
def test_recovery_codes_seen_later_are_not_a_step_of_the_set_up(client, home_page):
    editor = UserFactory(role=AGENCY_EDITORS)
    client.force_login(editor)
    client.post(REAUTHENTICATE, {"password": PASSWORD})
    client.post("/en/accounts/2fa/recovery-codes/generate/")
    html = client.get(RECOVERY_CODES.format(language="en")).content.decode()
    assert "Step 3 of 3" not in html
    assert "10 of 10 codes are left." in html
    assert continue_link(html) == "/admin/"


@pytest.mark.django_db
def test_a_change_refused_outside_the_admin_leads_back_to_its_page(client, home_page):
    client.force_login(UserFactory(role=GROUP_LEADS, mfa=False))
    response = client.post(
        "/en/accounts/profile/",
        {"first_name": "A", "last_name": "B", "preferred_language": "en"},
        HTTP_REFERER="http://testserver/en/accounts/profile/",
    )
    assert response.url == with_next(
        SETUP.format(language="en"), "http://testserver/en/accounts/profile/"
    )
    response = client.post(
        "/en/accounts/profile/",
        {"first_name": "A", "last_name": "B", "preferred_language": "en"},
        HTTP_REFERER="https://evil.example/",
    )
    assert response.url == SETUP.format(language="en")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction", "heading", "step"),
    [
        ("en", "ltr", "Set up two-factor authentication", "Confirm your e-mail address"),
        ("tr", "ltr", "İki adımlı doğrulamayı kurun", "E-posta adresinizi doğrulayın"),
        ("ar", "rtl", "إعداد المصادقة الثنائية", "أكّد عنوان بريدك الإلكتروني"),
        ("fa", "rtl", "راه‌اندازی احراز هویت دومرحله‌ای", "نشانی ایمیل خود را تأیید کنید"),
        ("ps", "rtl", "د دوه‌پړاوي تصدیق جوړول", "د خپل برېښنالیک پته تایید کړئ"),
        (
            "kmr",
            "ltr",
            "Piştrastkirina du-gavî saz bike",
            "Navnîşana xwe ya e-nameyê piştrast bike",
        ),
    ],
)
def test_every_step_speaks_the_persons_language(
    client, new_co_chair, mailoutbox, language, direction, heading, step
):
    sign_in(client, new_co_chair, next_url="/admin/", language=language)
    pages = [client.get(MAILBOX_STEP.format(language=language))]
    prove_mailbox(client, mailoutbox, MAILBOX_STEP.format(language=language))
    pages.append(client.get(SETUP.format(language=language)))
    connect_app(client, SETUP.format(language=language))
    pages.append(client.get(RECOVERY_CODES.format(language=language)))
    for page in pages:
        html = page.content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in html
        assert f"<h1>{heading}</h1>" in html
    assert step in pages[0].content.decode()


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ([CO_CHAIRS, GROUP_LEADS], "Co-chair"),
        ([AGENCY_EDITORS], "Agency editor"),
        ([MEMBERS], None),
    ],
)
@pytest.mark.django_db
def test_the_reason_names_the_highest_admin_role(home_page, roles, expected):
    person = UserFactory(role=roles[0], mfa=False)
    person.groups.add(*person.groups.model.objects.filter(name__in=roles))
    shown = role_requiring_two_factor(person)
    assert (str(shown) if shown else None) == expected


@pytest.mark.django_db
def test_the_reason_is_not_a_requirement_when_the_admin_does_not_require_it(home_page, settings):
    settings.ISWG_ADMIN_REQUIRES_MFA = False
    assert role_requiring_two_factor(UserFactory(role=CO_CHAIRS, mfa=False)) is None
