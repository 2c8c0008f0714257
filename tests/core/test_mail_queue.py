"""E-mail goes through the durable queue: a mail server outage fails no submission, and the
worker delivers every message once the server is back. That holds for e-mail sent by code the
portal does not own too (Wagtail's moderation notices, Django's error reports to ADMINS), since
the queue is Django's EMAIL_BACKEND."""

import io
import logging
import signal
import socket
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.log import AdminEmailHandler
from django_tasks_db.models import DBTaskResult, get_date_max

from iswg_portal.accounts.models import AccessRequest
from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from iswg_portal.core.cross_site import public_form_token
from iswg_portal.core.mail import RETRY_DELAYS, send_templated_email
from services_map.models import ProblemReport
from services_map.public.reports import form_purpose
from tests.factories import UserFactory
from tests.factories import services_map as build

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
DELIVERY = "iswg_portal.core.mail.deliver_email"


def closed_port():
    """A local port nothing listens on: connecting to it is refused, as a stopped server is."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def queue(settings):
    """E-mail goes to the database queue, as in production."""
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def mail_server_down(settings):
    """The real SMTP transport, pointed at a mail server that is not running."""
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def bring_mail_server_back(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run_worker():
    """Run `manage.py db_worker` until the queue holds nothing due, as a supervisor would."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker",
            "--backend",
            "email",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            stdout=io.StringIO(),
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def waiting_emails():
    """The deliveries queued and not yet attempted."""
    return DBTaskResult.objects.filter(task_path=DELIVERY, status="READY")


def let_time_pass(delay):
    """Move every waiting retry's due time back by `delay`, as if that much time passed."""
    # A first attempt is due at once, marked by the queue with the greatest date.
    for result in waiting_emails().exclude(run_after=get_date_max()):
        result.run_after -= delay
        result.save(update_fields=["run_after"])


def queue_a_reminder():
    """Queue one e-mail, rendered from the stale listing reminder's templates."""
    send_templated_email(
        to="someone@agency.example",
        language="en",
        context={"page": {"title": "Hygiene kits"}, "days": 200},
        subject_template="emails/stale_listing_subject.txt",
        text_template="emails/stale_listing.txt",
    )


def fail_every_attempt():
    """Let the worker try at each retry's time until it gives up."""
    for _attempt in range(len(RETRY_DELAYS) + 1):
        let_time_pass(timedelta(days=2))
        run_worker()


# --- Submissions while the mail server is down ----------------------------------------------


@pytest.mark.django_db
def test_a_problem_report_is_stored_and_its_email_queued_while_the_mail_server_is_down(
    client, home_page, queue, mail_server_down, django_capture_on_commit_callbacks
):
    agency = build.agency(build.directory_page(), "Buca Municipality", acronym="")
    agency.email = "focal.point@buca.example"
    agency.save_revision().publish()
    desk = build.service(agency, "Refugee Support Desk")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/services/report/{desk.pk}/",
            {
                "kind": "wrong_phone",
                "details": "Nobody answers.",
                "contact": "",
                "website": "",
                "form_token": public_form_token(form_purpose(desk)),
            },
            REMOTE_ADDR="203.0.113.7",
        )
    assert response.status_code == 302
    assert ProblemReport.objects.filter(service=desk, details="Nobody answers.").exists()
    [queued] = waiting_emails()
    [payload] = queued.args_kwargs["args"]
    assert payload["to"] == ["focal.point@buca.example"]
    assert "Refugee Support Desk" in payload["subject"]
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_access_request_is_stored_and_the_co_chairs_email_queued_while_the_mail_server_is_down(
    client, home_page, queue, mail_server_down
):
    UserFactory(email="cochair@iom.example", role=CO_CHAIRS, preferred_language="tr")
    response = client.post(
        "/tr/accounts/request-access/",
        {
            "name": "Mehmet Aydın",
            "email": "mehmet@sgdd.example",
            "agency": "SGDD-ASAM İzmir",
            "role_wanted": AGENCY_EDITORS,
            "reason": "I keep our İzmir service listings current.",
        },
    )
    assert response.status_code == 302
    assert response.url == "/tr/accounts/request-access/sent/"
    assert AccessRequest.objects.filter(email="mehmet@sgdd.example").exists()
    [queued] = waiting_emails()
    assert queued.args_kwargs["args"][0]["to"] == ["cochair@iom.example"]


@pytest.mark.django_db
def test_a_password_reset_is_accepted_and_its_email_queued_while_the_mail_server_is_down(
    client, home_page, queue, mail_server_down
):
    UserFactory(email="member@agency.example", preferred_language="tr")
    response = client.post("/en/accounts/password/reset/", {"email": "member@agency.example"})
    assert response.status_code == 302
    [queued] = waiting_emails()
    [payload] = queued.args_kwargs["args"]
    assert payload["to"] == ["member@agency.example"]
    # Rendered in the account's language before it was queued.
    assert "Merhaba" in payload["body"]


@pytest.mark.django_db
def test_with_immediate_sending_a_mail_server_outage_still_fails_no_request(
    client, home_page, mail_server_down
):
    UserFactory(email="member@agency.example")
    response = client.post("/en/accounts/password/reset/", {"email": "member@agency.example"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_email_of_a_change_that_rolls_back_is_never_queued(queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_templated_email(
            to="someone@agency.example",
            language="en",
            context={"page": {"title": "Hygiene kits"}, "days": 200},
            subject_template="emails/stale_listing_subject.txt",
            text_template="emails/stale_listing.txt",
        )
        raise RuntimeError("the change failed after its e-mail was written")
    assert not waiting_emails().exists()


# --- The worker ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_a_reset_email_once_when_the_mail_server_is_back(
    client, home_page, queue, mail_server_down
):
    UserFactory(email="member@agency.example")
    client.post("/en/accounts/password/reset/", {"email": "member@agency.example"})

    run_worker()
    assert mail.outbox == []
    [retry] = waiting_emails()
    assert retry.run_after > timezone.now()

    bring_mail_server_back(mail_server_down)
    run_worker()
    assert mail.outbox == [], "a retry waits for its time"

    let_time_pass(RETRY_DELAYS[0])
    run_worker()
    run_worker()
    [message] = mail.outbox
    assert message.to == ["member@agency.example"]
    assert "/en/accounts/password/reset/key/" in message.body
    assert not waiting_emails().exists()


@pytest.mark.django_db(transaction=True)
def test_each_failed_attempt_waits_longer_before_the_next(queue, mail_server_down):
    queue_a_reminder()
    waits = []
    for _attempt in range(3):
        run_worker()
        [retry] = waiting_emails()
        waits.append(retry.run_after - retry.enqueued_at)
        let_time_pass(retry.run_after - timezone.now() + timedelta(seconds=1))
    assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 5, 15]


@pytest.mark.django_db(transaction=True)
def test_an_email_that_cannot_go_after_the_last_retry_is_logged_and_kept(
    queue, mail_server_down, caplog
):
    queue_a_reminder()
    with caplog.at_level(logging.WARNING, logger="iswg_portal.core.mail"):
        fail_every_attempt()
    assert not waiting_emails().exists()
    given_up = DBTaskResult.objects.get(task_path=DELIVERY, status="FAILED")
    # The message is still in the queue's table, for an operator to send again.
    assert given_up.args_kwargs["args"][0]["to"] == ["someone@agency.example"]
    assert given_up.args_kwargs["kwargs"] == {"attempt": len(RETRY_DELAYS) + 1}
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert any("not delivered after 10 attempt(s)" in record.getMessage() for record in errors)
    # Addresses are personal data: the log names how many, never who.
    assert all("someone@agency.example" not in record.getMessage() for record in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_an_undeliverable_email_is_sent_once_when_queued_again(queue, mail_server_down):
    queue_a_reminder()
    fail_every_attempt()
    bring_mail_server_back(mail_server_down)

    call_command("resend_failed_emails", stdout=io.StringIO())
    run_worker()
    call_command("resend_failed_emails", stdout=io.StringIO())
    run_worker()

    [message] = mail.outbox
    assert message.to == ["someone@agency.example"]
    assert "Hygiene kits" in message.subject


# --- E-mail from code the portal does not own ------------------------------------------------


@pytest.fixture
def errors_emailed_to_admins(settings):
    """Server errors e-mailed to ADMINS by Django's AdminEmailHandler, as production does."""
    settings.ADMINS = [("Portal Operations", "ops@iswg.example")]
    handler = AdminEmailHandler()
    request_log = logging.getLogger("django.request")
    request_log.addHandler(handler)
    yield
    request_log.removeHandler(handler)


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


@pytest.mark.django_db(transaction=True)
def test_a_wagtail_moderation_notice_waits_while_the_mail_server_is_down_and_goes_out_once(
    client, home_page, queue, mail_server_down
):
    asam = build.agency(build.directory_page(), title="ASAM", acronym="ASAM")
    service = build.service(asam, "Legal aid desk")
    editor = UserFactory(email="editor@asam.example", role=AGENCY_EDITORS, organisation=asam)
    co_chair = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    client.force_login(editor)
    form = build.service_admin_form(title="Legal aid desk – new hours", slug=service.slug)
    form["action-submit"] = "Submit for moderation"

    response = client.post(f"/admin/pages/{service.pk}/edit/", form)

    assert response.status_code == 302
    to_co_chair = [
        result
        for result in waiting_emails()
        if result.args_kwargs["args"][0]["to"] == [co_chair.email]
    ]
    assert len(to_co_chair) == 1
    run_worker()
    assert mail.outbox == []

    bring_mail_server_back(mail_server_down)
    let_time_pass(RETRY_DELAYS[0])
    run_worker()
    run_worker()
    [notice] = [message for message in mail.outbox if message.to == [co_chair.email]]
    assert "Legal aid desk – new hours" in notice.body
    assert notice.message()["Auto-Submitted"] == "auto-generated"
    assert not waiting_emails().exists()


@pytest.mark.django_db
def test_a_server_error_report_to_the_admins_waits_in_the_queue_while_the_mail_server_is_down(
    client, home_page, queue, mail_server_down, errors_emailed_to_admins
):
    client.raise_request_exception = False
    with mock.patch("home.models.HomePage.get_context", side_effect=RuntimeError("boom")):
        response = client.get("/en/")
    assert response.status_code == 500
    [report] = waiting_emails()
    [payload] = report.args_kwargs["args"]
    assert payload["to"] == ["ops@iswg.example"]
    assert "Internal Server Error: /en/" in payload["subject"]


@pytest.mark.django_db
def test_an_error_report_while_the_database_is_down_is_logged_instead_of_raising(
    queue, errors_emailed_to_admins, caplog
):
    with (
        caplog.at_level(logging.ERROR, logger="iswg_portal.core.mail"),
        connection.execute_wrapper(refuse_every_query),
    ):
        logging.getLogger("django.request").error("Internal Server Error: /en/")
    [record] = [r for r in caplog.records if r.name == "iswg_portal.core.mail"]
    assert "could not be queued: OperationalError" in record.getMessage()
    assert "ops@iswg.example" not in record.getMessage()


@pytest.mark.django_db
def test_a_portal_email_while_the_database_is_down_fails_its_change_rather_than_vanish(queue):
    with pytest.raises(OperationalError), connection.execute_wrapper(refuse_every_query):
        queue_a_reminder()


def test_the_worker_may_not_deliver_back_into_the_queue(settings):
    settings.EMAIL_DELIVERY_BACKEND = "iswg_portal.core.mail.QueuedEmailBackend"
    with pytest.raises(SystemCheckError, match="core.E001"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
