"""The Wagtail admin keeps working under the Content-Security-Policy, in a real Chromium."""

import io
import threading

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


def run_in_admin(base_url, session_key, steps):
    """Drive a signed-in Chromium through `steps(page)`; return the console errors it logged.

    The browser runs in a thread of its own: the suite's other browser tests keep a Playwright
    event loop open in the main thread, and Playwright's sync API allows one per thread.
    """
    outcome = {}

    def drive():
        from playwright.sync_api import sync_playwright

        errors = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": session_key,
                            "url": base_url,
                        }
                    ]
                )
                page = context.new_page()
                page.on(
                    "console",
                    lambda message: (
                        errors.append(message.text) if message.type == "error" else None
                    ),
                )
                page.on("pageerror", lambda error: errors.append(str(error)))
                outcome["result"] = steps(page)
                browser.close()
        except Exception as error:  # noqa: BLE001 - handed back to the test thread
            outcome["exception"] = error
        outcome["errors"] = errors

    worker = threading.Thread(target=drive)
    worker.start()
    worker.join(timeout=120)
    if "exception" in outcome:
        raise outcome["exception"]
    return outcome.get("result"), outcome["errors"]


@pytest.fixture
def co_chair_session(home_page):
    """The session key of a co-chair with two-factor set up."""
    client = Client()
    client.force_login(UserFactory(role=CO_CHAIRS))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_page_editor_publishes_without_policy_violations(live_server, co_chair_session):
    from home.models import HomePage

    home_id = HomePage.objects.filter(locale__language_code="en").values_list("pk", flat=True)[0]

    def steps(page):
        page.goto(f"{live_server.url}/admin/pages/{home_id}/edit/")
        page.wait_for_load_state("networkidle")
        with page.expect_navigation():
            page.locator("button[name=action-publish]").evaluate("button => button.click()")
        return page.url

    url, errors = run_in_admin(live_server.url, co_chair_session, steps)
    # Publishing returns to the explorer: the form really was sent and saved.
    assert "/admin/pages/" in url and "/edit/" not in url
    assert errors == []


def test_image_upload_with_preview_runs_without_policy_violations(
    live_server, co_chair_session, tmp_path
):
    picture = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (11, 79, 138)).save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())

    def steps(page):
        page.goto(f"{live_server.url}/admin/images/multiple/add/")
        page.set_input_files("input[type=file]", str(picture))
        page.locator(".status-msg.success").wait_for()

    _result, errors = run_in_admin(live_server.url, co_chair_session, steps)
    assert errors == []


def test_site_history_filters_run_without_policy_violations(live_server, co_chair_session):
    def steps(page):
        page.goto(f"{live_server.url}/admin/reports/site-history/")
        page.wait_for_load_state("networkidle")

    _result, errors = run_in_admin(live_server.url, co_chair_session, steps)
    assert errors == []
