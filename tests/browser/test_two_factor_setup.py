"""Setting up two-factor authentication in a real browser, as a new co-chair on a 360-pixel
phone in Arabic: from the sign-in to the admin page they asked for, with each step's reason,
no password asked twice, nothing wider than the screen and no accessibility violation."""

import pytest

from iswg_portal.accounts.roles import CO_CHAIRS
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, app_code, mailbox_code_in

from .conftest import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def click_and_load(page, selector):
    with page.expect_navigation():
        page.locator(selector).click()


def assert_fits_and_reads_right_to_left(page):
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = axe_check(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_new_co_chair_sets_up_two_factor_in_arabic_on_a_phone(
    live_server, home_page, browser_page, mailoutbox
):
    page = browser_page
    page.set_viewport_size(PHONE)
    co_chair = UserFactory(
        email="new.cochair@unhcr.example", role=CO_CHAIRS, mfa=False, preferred_language="ar"
    )
    page.goto(f"{live_server.url}/ar/accounts/login/?next=/admin/pages/")
    page.fill("input[name=login]", co_chair.email)
    page.fill("input[name=password]", PASSWORD)
    click_and_load(page, "main form button[type=submit]")

    # Step 1: why they are here, and the code e-mailed to them.
    assert page.url.endswith("/ar/accounts/2fa/confirm-email/?next=%2Fadmin%2Fpages%2F")
    assert page.locator("h1").inner_text() == "إعداد المصادقة الثنائية"
    assert "رئيس مشارك" in page.locator(".setup-reason").inner_text()
    assert "أكّد عنوان بريدك الإلكتروني" in page.locator("[aria-current=step]").inner_text()
    assert_fits_and_reads_right_to_left(page)
    click_and_load(page, "button[name=send]")
    assert "أرسلنا رمزًا" in page.locator("main").inner_text()
    page.fill("input[name=code]", mailbox_code_in(mailoutbox[-1]))
    click_and_load(page, "main form button[type=submit]:not([name])")

    # Step 2: the QR code, the key as text left to right, the code field; no password asked.
    assert page.url.endswith("/ar/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F")
    assert "اربط تطبيق المصادقة" in page.locator("[aria-current=step]").inner_text()
    assert page.locator("img.setup-qr").evaluate("image => image.naturalWidth") > 0
    key = page.locator("#authenticator-key")
    assert key.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert_fits_and_reads_right_to_left(page)
    page.fill("input[name=code]", app_code(key.inner_text().replace(" ", "")))
    click_and_load(page, "main form button[type=submit]")

    # Step 3: the recovery codes, to download or print, then on to where they were going.
    assert page.url.endswith("/ar/accounts/2fa/recovery-codes/?next=%2Fadmin%2Fpages%2F")
    assert "احفظ رموز الاسترداد" in page.locator("[aria-current=step]").inner_text()
    assert page.locator(".recovery-codes li").count() == 10
    assert page.locator("button[data-print]").is_visible()
    assert page.locator("a[href$='/recovery-codes/download/']").is_visible()
    assert_fits_and_reads_right_to_left(page)
    click_and_load(page, "main a.button:not(.button--secondary)")
    assert page.url == f"{live_server.url}/admin/pages/"
    assert page.locator("html").get_attribute("lang") == "ar"
