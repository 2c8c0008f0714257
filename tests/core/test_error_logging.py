"""Every error is written to standard error with the request's id, the account's id and the
path, never a person's e-mail; the error page shows the id a person can quote."""

import io
import logging
import re
from unittest import mock

import pytest
from django.test import RequestFactory

from iswg_portal.core.error_tracking import without_personal_data
from iswg_portal.core.request_logging import AccountIdExceptionReporter, RequestContextFilter
from tests.factories import UserFactory

EMAIL = "focal.point@asam.example"


@pytest.fixture
def stderr_log():
    """What the portal's log handler writes to standard error during the test."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RequestContextFilter) for f in handler.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def failing_home_page(home_page):
    with mock.patch("home.models.HomePage.get_context", side_effect=RuntimeError("boom")):
        yield


@pytest.fixture
def signed_in(client, home_page):
    user = UserFactory(email=EMAIL)
    client.force_login(user)
    client.raise_request_exception = False
    return user


def test_a_server_error_is_logged_with_request_id_account_id_and_path(
    client, signed_in, failing_home_page, stderr_log
):
    response = client.get("/en/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    log = stderr_log.getvalue()
    assert (
        f"ERROR django.request request_id={request_id} user_id={signed_in.pk} path=/en/ "
        "Internal Server Error: /en/"
    ) in log
    assert "RuntimeError: boom" in log
    assert EMAIL not in log and "focal.point" not in log


def test_the_error_page_gives_the_request_id_and_claims_nothing_it_did_not_do(
    client, signed_in, failing_home_page
):
    response = client.get("/en/")
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Please try again later." in html
    assert f"<code>{response['X-Request-ID']}</code>" in html
    assert "recorded" not in html


def test_the_error_page_speaks_the_visitors_language(client, signed_in, failing_home_page):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "حدث خطأ من جهتنا" in html


@pytest.mark.django_db
def test_every_response_carries_a_new_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.django_db
def test_a_well_formed_request_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="9f1c2d3e4b5a69788796a5b4c3d2e1f0")
    assert response["X-Request-ID"] == "9f1c2d3e4b5a69788796a5b4c3d2e1f0"


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["x", "abc def ghi", "abcdefgh\nERROR forged", "a" * 65])
def test_a_malformed_request_id_is_replaced(client, forged):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=forged)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_a_secret_in_the_path_does_not_reach_the_log(client, stderr_log):
    response = client.get("/meetings/feed/personal/s3cr3t-feed-token.ics")
    assert response.status_code == 404
    log = stderr_log.getvalue()
    assert "Not Found: /meetings/feed/personal/…" in log
    assert "s3cr3t" not in log


@pytest.mark.django_db
def test_the_error_report_to_admins_names_the_account_by_id_only():
    user = UserFactory(email=EMAIL)
    request = RequestFactory().get("/en/")
    request.user = user
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        report = AccountIdExceptionReporter(request, type(error), error, error.__traceback__)
        text = report.get_traceback_text()
    assert f"account {user.pk}" in text
    assert EMAIL not in text


def test_the_error_tracker_receives_no_query_string_cookies_or_url_secrets():
    event = {
        "request": {
            "url": "https://portal.iswg.example/en/accounts/invitation/abc123token/",
            "query_string": "q=name+of+a+person",
            "cookies": {"sessionid": "x"},
            "data": {"details": "my phone number"},
        }
    }
    request = without_personal_data(event, {})["request"]
    assert request == {"url": "https://portal.iswg.example/en/accounts/invitation/…/"}
