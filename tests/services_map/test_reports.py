"""Reporting a problem with a listing: stored once, mailed once, robots and floods refused
(who is told, and handling the report, in test_report_handling.py)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import DatabaseError
from django.test import Client

from iswg_portal.core.cross_site import public_form_token
from services_map.models import ProblemReport
from services_map.public.reports import form_purpose
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.proxy import through_load_balancer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def listings(module_data):
    """The directory, ASAM (no e-mail address, nobody working for it) and Buca Municipality
    (a focal point's address) with its Refugee Support Desk, built once for this module's tests
    (each rolls back what it changes). Nobody has reported anything yet."""
    directory = build.directory_page()
    asam = build.agency(directory)
    agency_with_focal_point = build.agency(directory, "Buca Municipality", acronym="")
    agency_with_focal_point.email = "focal.point@buca.example"
    agency_with_focal_point.save_revision().publish()
    return {
        "directory": directory,
        "asam": asam,
        "agency_with_focal_point": agency_with_focal_point,
        "desk": build.service(agency_with_focal_point, "Refugee Support Desk"),
    }


@pytest.fixture
def directory(listings):
    """The module's directory (in place of tests/services_map/conftest.py's)."""
    return read_again(listings["directory"])


@pytest.fixture
def asam(listings):
    """A published agency without an e-mail address (in place of
    tests/services_map/conftest.py's)."""
    return read_again(listings["asam"])


@pytest.fixture
def agency_with_focal_point(listings):
    """An agency whose focal point's address is on its page."""
    return read_again(listings["agency_with_focal_point"])


@pytest.fixture
def desk(listings):
    """The focal point's agency's one service."""
    return read_again(listings["desk"])


def form_token(service):
    """The token the service page's form carries."""
    return public_form_token(form_purpose(service))


def report_url(service):
    return f"/en/services/report/{service.pk}/"


def post_report(client, service, request_headers=None, **data):
    payload = {"kind": "wrong_phone", "details": "Nobody answers.", "contact": "", "website": ""}
    payload["form_token"] = form_token(service)
    payload.update(data)
    headers = request_headers or {"REMOTE_ADDR": "203.0.113.7"}
    return client.post(report_url(service), payload, **headers)


def reports_allowed_an_hour():
    """The hourly limit of one address, as ACCOUNT_RATE_LIMITS sets it (e.g. "5/h/ip")."""
    return int(settings.ACCOUNT_RATE_LIMITS["problem_report"].split("/")[0])


def test_valid_report_is_stored_as_received(client, desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, desk, contact="0532 000 00 00")
    report = ProblemReport.objects.get()
    assert (report.service_id, report.kind, report.status) == (desk.pk, "wrong_phone", "received")
    assert report.details == "Nobody answers."
    assert report.contact == "0532 000 00 00"
    assert report.language == "en"


def test_valid_report_sends_the_visitor_back_with_thanks(client, desk):
    response = post_report(client, desk)
    assert response.status_code == 302
    assert response["Location"] == desk.get_url()
    page = client.get(response["Location"])
    assert "Thank you. The agency will check the listing." in page.content.decode()


def test_a_report_about_an_agency_without_editors_is_mailed_once_to_its_address(
    client, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, desk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["focal.point@buca.example"]
    assert "Refugee Support Desk" in message.subject
    assert "The phone number is wrong" in message.body
    assert "Nobody answers." in message.body


def test_report_is_not_mailed_before_it_is_committed(client, desk):
    # Inside the test transaction nothing commits, so nothing may be sent yet.
    post_report(client, desk)
    assert mail.outbox == []


def test_report_about_an_agency_without_email_goes_to_the_co_chairs(
    client, asam, django_capture_on_commit_callbacks
):
    co_chair = UserFactory(role="Co-chairs", email="cochair@unhcr.example")
    service = build.service(asam)
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, service)
    assert mail.outbox[0].to == [co_chair.email]


def test_filled_honeypot_stores_and_sends_nothing(client, desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, desk, website="http://spam.example")
    assert response.status_code == 302
    assert ProblemReport.objects.count() == 0
    assert mail.outbox == []


def test_too_many_reports_from_one_address_are_refused(client, desk):
    for n in range(reports_allowed_an_hour()):
        assert post_report(client, desk, details=f"Call number {n}").status_code == 302
    response = post_report(client, desk, details="One more")
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert ProblemReport.objects.count() == reports_allowed_an_hour()


def test_rate_limit_counts_each_address_apart(client, desk):
    for n in range(reports_allowed_an_hour()):
        post_report(client, desk, details=f"Call number {n}")
    response = client.post(
        report_url(desk),
        {"kind": "closed", "form_token": form_token(desk)},
        REMOTE_ADDR="198.51.100.1",
    )
    assert response.status_code == 302


def test_behind_the_load_balancer_each_visitor_has_their_own_report_limit(
    client, desk, behind_one_load_balancer
):
    flooding = through_load_balancer("198.51.100.66")
    for n in range(reports_allowed_an_hour()):
        post_report(Client(), desk, flooding, details=f"Call number {n}")
    assert post_report(Client(), desk, flooding, details="One more").status_code == 429
    response = post_report(client, desk, through_load_balancer("203.0.113.10"))
    assert response.status_code == 302
    assert ProblemReport.objects.count() == reports_allowed_an_hour() + 1


def test_a_forged_forwarded_for_does_not_escape_the_report_limit(
    client, desk, behind_one_load_balancer
):
    for n in range(reports_allowed_an_hour()):
        headers = through_load_balancer("198.51.100.66", forged=f"192.0.2.{n + 1}")
        post_report(client, desk, headers, details=f"Call number {n}")
    headers = through_load_balancer("198.51.100.66", forged="192.0.2.200")
    assert post_report(client, desk, headers, details="One more").status_code == 429


def test_the_same_report_sent_three_times_is_stored_and_mailed_once(
    client, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        responses = [post_report(client, desk) for _n in range(3)]
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert ProblemReport.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_repeated_report_is_thanked_like_the_first(client, desk):
    post_report(client, desk)
    response = post_report(client, desk)
    assert response["Location"] == desk.get_url()
    page = client.get(response["Location"])
    assert "Thank you. The agency will check the listing." in page.content.decode()


def test_a_report_differing_only_in_case_and_spacing_is_a_repeat(client, desk):
    post_report(client, desk, details="Nobody answers the phone.")
    post_report(client, desk, details="  nobody ANSWERS\n the   phone. ")
    assert ProblemReport.objects.count() == 1


def test_another_problem_from_the_same_visitor_is_stored(client, desk):
    post_report(client, desk, kind="wrong_phone", details="Nobody answers.")
    post_report(client, desk, kind="moved", details="Nobody answers.")
    post_report(client, desk, kind="wrong_phone", details="The number is 0232 000 00 00.")
    assert ProblemReport.objects.count() == 3


def test_the_same_report_with_another_way_to_reach_the_reporter_is_stored(client, desk):
    post_report(client, desk, contact="0532 000 00 00")
    post_report(client, desk, contact="0533 111 11 11")
    assert ProblemReport.objects.count() == 2


def test_the_same_report_about_another_service_is_stored(client, desk, agency_with_focal_point):
    other = build.service(agency_with_focal_point, "Legal Aid Desk")
    post_report(client, desk)
    post_report(client, other)
    assert ProblemReport.objects.count() == 2


def test_the_same_report_from_another_visitor_behind_the_load_balancer_is_stored(
    desk, behind_one_load_balancer
):
    post_report(Client(), desk, through_load_balancer("198.51.100.66"))
    post_report(Client(), desk, through_load_balancer("203.0.113.10"))
    assert ProblemReport.objects.count() == 2


def test_a_report_the_database_could_not_store_can_be_sent_again(client, desk, monkeypatch):
    def database_down(**fields):
        raise DatabaseError("the database is unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(ProblemReport.objects, "create", database_down)
        with pytest.raises(DatabaseError):
            post_report(client, desk)
    assert post_report(client, desk).status_code == 302
    assert ProblemReport.objects.count() == 1


def test_report_without_a_kind_is_refused_with_a_message(client, desk):
    response = post_report(client, desk, kind="")
    assert response.status_code == 400
    assert "Choose what is wrong." in response.content.decode()
    assert ProblemReport.objects.count() == 0


def test_report_with_an_unknown_kind_is_refused(client, desk):
    response = post_report(client, desk, kind="nonsense")
    assert response.status_code == 400
    assert ProblemReport.objects.count() == 0


def test_something_else_needs_details(client, desk):
    response = post_report(client, desk, kind="other", details="")
    assert response.status_code == 400
    assert "Tell us what is wrong." in response.content.decode()


def test_overlong_details_are_refused_not_truncated(client, desk):
    response = post_report(client, desk, details="x" * 5000)
    assert response.status_code == 400
    assert ProblemReport.objects.count() == 0


def test_nul_bytes_in_a_report_give_no_server_error(client, desk):
    response = post_report(client, desk, details="Wrong\x00 number", contact="\x00")
    assert response.status_code in {302, 400}


def test_reporting_needs_a_post(client, desk):
    assert client.get(report_url(desk)).status_code == 405


def test_report_on_a_missing_service_is_404(client, directory):
    assert client.post("/en/services/report/999999/", {"kind": "closed"}).status_code == 404


def test_public_cannot_report_on_an_internal_service(client, asam):
    service = build.service(asam, is_internal=True)
    assert post_report(client, service).status_code == 404
    assert ProblemReport.objects.count() == 0


def test_member_can_report_on_an_internal_service(client, asam):
    service = build.service(asam, is_internal=True)
    client.force_login(UserFactory(role="Members"))
    assert post_report(client, service).status_code == 302


def test_service_page_counts_the_new_report_as_open(client, desk):
    post_report(client, desk)
    page = client.get(desk.get_url())
    assert "1 reported problem is being checked." in page.content.decode()


def form_field(response, selector):
    """The element of the answered page that the CSS selector finds."""
    return BeautifulSoup(response.content, "html.parser").select_one(selector)


def test_report_without_a_kind_marks_the_choice_invalid_and_names_its_error(client, desk):
    response = post_report(client, desk, kind="")
    choice = form_field(response, ".report-form fieldset")
    assert choice["aria-invalid"] == "true"
    error = form_field(response, f"#{choice['aria-describedby']}")
    assert "Choose what is wrong." in error.get_text()


def test_report_of_another_problem_without_details_ties_the_error_to_the_details(client, desk):
    response = post_report(client, desk, kind="other", details="")
    details = form_field(response, "#report-details")
    assert details["aria-invalid"] == "true"
    described_by = details["aria-describedby"].split()
    assert "report-details-help" in described_by
    errors = [form_field(response, f"#{name}").get_text() for name in described_by]
    assert any("Tell us what is wrong." in text for text in errors)
    assert not form_field(response, "#report-contact").has_attr("aria-invalid")


def test_report_form_fields_name_their_help_before_any_error(client, desk):
    page = client.get(desk.get_url())
    contact = form_field(page, "#report-contact")
    assert contact["aria-describedby"] == "report-contact-help"
    assert not contact.has_attr("aria-invalid")
