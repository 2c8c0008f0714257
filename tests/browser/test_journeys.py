"""The main journeys in a real browser, in English and Arabic: find a service and call it,
print a district's sheet, an agency editor's change approved by a co-chair, an agenda
published by a co-chair."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from meetings.models import MeetingPage
from services_map.models import ServicePage
from tests.factories import UserFactory
from tests.factories import meetings as meeting_factories
from tests.factories import services_map as build
from tests.factories.accounts import PASSWORD, current_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar"]


@pytest.fixture
def directory(home_page):
    directory = build.directory_page()
    health = build.category("Health")
    psychosocial = build.category("Psychosocial support", parent=health)
    arabic = build.language("ar", "Arabic", "العربية")
    asam = build.agency(directory, title="ASAM", acronym="ASAM")
    trc = build.agency(directory, title="Turkish Red Crescent", acronym="TRC")
    service = build.service(
        asam,
        "Psychosocial support for families",
        categories=[health, psychosocial],
        languages=[arabic],
        phones=("+90 232 555 01 02",),
        place=("izmir", "Konak"),
        last_verified=timezone.localdate() - datetime.timedelta(days=20),
    )
    build.service(trc, "Food parcels", place=("izmir", "Buca"), fee_type="paid")
    build.service(asam, "Legal counselling in Muğla", place=("mugla", "Bodrum"))
    return {"directory": directory, "asam": asam, "service": service}


def sign_in(page, live_server, user, code):
    """Through allauth's form and its two-factor step, as a person does."""
    page.goto(f"{live_server.url}/{code}/accounts/login/?next=/admin/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    click_and_load(page, "main form button[type=submit]")
    if page.locator("input[name=code]").count():
        page.fill("input[name=code]", current_totp_code(user))
        click_and_load(page, "main form button[type=submit]:not([form])")
    assert page.url.endswith("/admin/"), (page.url, page.locator("main").inner_text())


def click_and_load(page, selector):
    """Click what sends a form or follows a link, and wait for the page it leads to:
    a click does not wait for the navigation it starts."""
    with page.expect_navigation():
        page.locator(selector).click()


def footer_action(page, selector):
    """Open the admin's footer action menu and press one of its buttons."""
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    click_and_load(page, f"footer {selector}")


@pytest.mark.parametrize("code", LANGUAGES)
def test_find_a_free_arabic_speaking_psychosocial_service_in_izmir_and_call_it(
    live_server, directory, browser_page, code
):
    page = browser_page
    page.goto(f"{live_server.url}/{code}/services/")
    page.fill("#id_q", "psychosocial")
    click_and_load(page, "#id_q + button[type=submit]")
    # The filters are one tap away; each applies in place as soon as it is ticked.
    page.locator("a[data-filters-open]").click()
    for name, value in [("province", "izmir"), ("language", "ar"), ("free", "1")]:
        page.locator(f"#filters input[name={name}][value='{value}']").check()
        expect(page).to_have_url(re.compile(f"{name}={value}"))
        assert page.locator(f"input[name={name}][value='{value}']").is_checked()
    page.locator("#filters [data-filters-apply]").click()
    expect(page.locator(".directory-result__title a")).to_have_text(
        ["Psychosocial support for families"]
    )
    click_and_load(page, ".directory-result__title a")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if code == "ar" else "ltr")
    call = page.locator("main a[href^='tel:']").first
    assert call.get_attribute("href") == "tel:+902325550102"
    assert call.is_visible()
    # The number reads left to right even inside Arabic text.
    assert call.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert page.foreign_requests == []


def tab_to(page, selector, backwards=False, limit=120):
    """Press Tab (or Shift+Tab) until the focus reaches an element matching the selector,
    checking on the way that every element that takes the focus shows it and is on screen."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        focus = page.evaluate(
            """selector => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                const box = element.getBoundingClientRect();
                return {
                    matches: element.matches(selector),
                    label: element.outerHTML.slice(0, 120),
                    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                    onScreen: box.bottom > 0 && box.top < window.innerHeight
                        && box.right > 0 && box.left < window.innerWidth,
                };
            }""",
            selector,
        )
        assert focus["outline"], f"no visible focus on {focus['label']}"
        assert focus["onScreen"], f"focus off screen on {focus['label']}"
        if focus["matches"]:
            return
    raise AssertionError(f"{selector} never took the focus")


@pytest.mark.parametrize("code", LANGUAGES)
def test_search_filter_open_and_call_by_keyboard_alone(live_server, directory, browser_page, code):
    page = browser_page
    page.goto(f"{live_server.url}/{code}/")
    tab_to(page, "input[name=q]")
    page.keyboard.type("psychosocial")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The filters open from the top of the results; ticking one updates the list in place and
    # keeps the focus on the box.
    tab_to(page, "a[data-filters-open]")
    page.keyboard.press("Enter")
    for selector, in_url in [
        ("input[name=free]", "free=1"),
        ("input[name=province][value=izmir]", "province=izmir"),
    ]:
        tab_to(page, f"#filters {selector}")
        page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(in_url))
        # The results are swapped in and the focus given back to the ticked box (expect, not
        # wait_for_function, whose polling the Content-Security-Policy refuses).
        expect(page.locator(f"{selector}:checked")).to_be_focused()
    tab_to(page, "#filters [data-filters-apply]")
    page.keyboard.press("Enter")

    tab_to(page, ".directory-result__title a")
    assert page.locator(".directory-result__title a").all_inner_texts() == [
        "Psychosocial support for families"
    ]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "main a[href^='tel:']")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:+902325550102"


@pytest.mark.parametrize("code", LANGUAGES)
def test_print_the_sheet_of_a_province(live_server, directory, browser_page, code):
    page = browser_page
    page.goto(f"{live_server.url}/{code}/services/print/?province=izmir")
    text = page.locator("body").inner_text()
    assert "Psychosocial support for families" in text
    assert "Legal counselling in Muğla" not in text
    assert page.locator(".print-entry__qr svg, .print-entry__qr img").count() >= 2
    assert page.evaluate("document.documentElement.lang") == code
    assert page.foreign_requests == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_editors_change_is_approved_by_a_co_chair(
    live_server, directory, chromium, browser_page, code
):
    service = directory["service"]
    editor = UserFactory(
        role=AGENCY_EDITORS, organisation=directory["asam"], preferred_language=code
    )
    co_chair = UserFactory(role=CO_CHAIRS, preferred_language=code)

    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, editor, code)
    page.goto(f"{live_server.url}/admin/pages/{service.pk}/edit/")
    page.fill("#id_summary", "Group sessions for parents and children, now on Saturdays too.")
    footer_action(page, "button[name=action-submit]")
    assert ServicePage.objects.get(pk=service.pk).summary != (
        "Group sessions for parents and children, now on Saturdays too."
    )

    reviewer = chromium.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    review = reviewer.new_page()
    sign_in(review, live_server, co_chair, code)
    assert service.title in review.locator("main").inner_text()
    review.goto(f"{live_server.url}/admin/pages/{service.pk}/edit/")
    footer_action(
        review, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    review.wait_for_url("**/admin/pages/**")
    reviewer.close()

    live = ServicePage.objects.get(pk=service.pk)
    assert live.summary == "Group sessions for parents and children, now on Saturdays too."
    assert live.last_verified == timezone.localdate()
    page.goto(f"{live_server.url}/{code}/services/{directory['asam'].slug}/{service.slug}/")
    assert "now on Saturdays too" in page.locator("main").inner_text()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_co_chair_publishes_an_agenda(live_server, home_page, browser_page, code):
    group = meeting_factories.make_group(home_page, title="Protection Working Group")
    meeting = meeting_factories.make_meeting(
        group,
        title="Protection WG – March",
        agenda=[{"title": "Winter response: lessons learnt"}],
        publish_now=False,
    )
    co_chair = UserFactory(role=CO_CHAIRS, preferred_language=code)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, co_chair, code)
    page.goto(f"{live_server.url}/admin/pages/{meeting.pk}/edit/")
    footer_action(page, "button[name=action-publish]")
    assert MeetingPage.objects.get(pk=meeting.pk).live
    page.goto(f"{live_server.url}{meeting.url}")
    assert "Winter response: lessons learnt" in page.locator("main").inner_text()
