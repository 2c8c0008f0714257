"""The Wagtail admin keeps working under the Content-Security-Policy, in a real Chromium."""

import io
import os

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from iswg_portal.accounts.roles import CO_CHAIRS
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


@pytest.fixture
def admin_page(live_server, home_page, tmp_path):
    """A Chromium page signed in as a co-chair (with two-factor), collecting console errors."""
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    client = Client()
    client.force_login(UserFactory(role=CO_CHAIRS))
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": live_server.url}]
        )
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.base_url = live_server.url
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_page_explorer_and_editor_run_without_policy_violations(admin_page):
    admin_page.goto(f"{admin_page.base_url}/admin/pages/{admin_page_home_id()}/edit/")
    admin_page.wait_for_load_state("networkidle")
    assert admin_page.locator("#id_title").is_visible()
    with admin_page.expect_navigation():
        admin_page.locator("button[name=action-publish]").evaluate("button => button.click()")
    assert "/admin/pages/" in admin_page.url
    assert admin_page.console_errors == []


def test_image_upload_with_preview_runs_without_policy_violations(admin_page, tmp_path):
    picture = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (11, 79, 138)).save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())
    admin_page.goto(f"{admin_page.base_url}/admin/images/multiple/add/")
    admin_page.set_input_files("input[type=file]", str(picture))
    admin_page.locator(".status-msg.success").wait_for()
    assert admin_page.console_errors == []


def test_site_history_filters_run_without_policy_violations(admin_page):
    admin_page.goto(f"{admin_page.base_url}/admin/reports/site-history/")
    admin_page.wait_for_load_state("networkidle")
    assert admin_page.console_errors == []


def admin_page_home_id():
    from home.models import HomePage

    return HomePage.objects.filter(locale__language_code="en").values_list("pk", flat=True)[0]
