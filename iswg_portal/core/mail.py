"""Every e-mail the portal sends goes through one queue, then to the mail server.

`QueuedEmailBackend` is Django's EMAIL_BACKEND, so every message sent the usual way
(`message.send()`, `send_mail`, `mail_admins`), the portal's own, allauth's, Wagtail's
moderation notices and error reports to ADMINS alike, is written as plain strings to the task
queue (django-tasks) in the same database transaction as the change that caused it: a
submission that rolls back sends nothing and one that is stored always has its e-mail waiting.
No request waits on the mail server. The worker (`manage.py db_worker --backend email`) hands
each message to the real transport, EMAIL_DELIVERY_BACKEND; while the mail server is down the
delivery is queued again later with a growing delay, and a message that still cannot go after
the last try stays in the queue's table as a failed task, logged as an error, never lost.
"""

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)

# Waits before the 2nd, 3rd, ... delivery attempt: about three days in all, long enough to
# ride out a mail server's outage over a weekend.
RETRY_DELAYS = tuple(
    timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 360, 720, 1440, 1440)
)


# Sent by the worker for a message that carries its own Message-ID header, with `message_id`,
# `state` ("delivered", "retrying" or "failed") and `error` (the error's kind, or ""), so that
# whoever queued it can show what became of it (meetings/delivery.py).
delivery_reported = Signal()


def report_delivery(payload, state, error=None):
    """Tell the listeners of `delivery_reported` what became of a queued message."""
    message_id = (payload.get("headers") or {}).get("Message-ID")
    if message_id:
        delivery_reported.send(
            sender=deliver_email,
            message_id=message_id,
            state=state,
            error=error.__class__.__name__ if error is not None else "",
        )


class UndeliverableEmail(Exception):
    """The mail server refused a message for good, or every retry has been spent."""


def render_email(
    *,
    to,
    language,
    context,
    subject_template,
    text_template,
    html_template=None,
    subject_prefix="",
    attachments=(),
):
    """Render subject, text and optional HTML in `language` into a message ready to queue;
    `attachments` are (file name, content, MIME type). Every e-mail of the portal's own is
    written here; allauth's come through its adapter (accounts/adapter.py)."""
    with translation.override(language):
        subject = render_to_string(subject_template, context)
        body = render_to_string(text_template, context)
        html = render_to_string(html_template, context) if html_template else ""
    message = EmailMultiAlternatives(
        subject=subject_prefix + " ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_email(**kwargs):
    """Render an e-mail (see `render_email`) and queue it for delivery."""
    return render_email(**kwargs).send()


class QueuedEmailBackend(BaseEmailBackend):
    """The portal's EMAIL_BACKEND: writes each message to the queue for `deliver_email`.

    The only way a new message reaches the queue (retries and `resend_failed_emails` queue
    again what it wrote). With `fail_silently` (as `mail_admins` asks for error reports) a
    message that cannot be queued, because the database itself is what failed, is logged
    instead of raising, so reporting an error never causes another.
    """

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(serialise_message(message))
            # As Django's own backends do with fail_silently: whatever the cause, never raise.
            except Exception as error:
                if not self.fail_silently:
                    raise
                logger.error(
                    "E-mail %r to %d recipient(s) could not be queued: %s",
                    str(message.subject),
                    len(message.recipients()),
                    error.__class__.__name__,
                )
                continue
            queued += 1
        return queued


def check_delivery_backend(app_configs=None, **kwargs):
    """System check: the worker's transport must not be the queue, or no e-mail would leave."""
    if issubclass(import_string(settings.EMAIL_DELIVERY_BACKEND), QueuedEmailBackend):
        return [
            checks.Error(
                "EMAIL_DELIVERY_BACKEND is the e-mail queue itself, so no e-mail would leave.",
                hint="Set the EMAIL_BACKEND environment variable to a transport, e.g. "
                "django.core.mail.backends.smtp.EmailBackend.",
                id="core.E001",
            )
        ]
    return []


def delivery_connection():
    """A connection to the real transport (EMAIL_DELIVERY_BACKEND), never back to the queue."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    if isinstance(connection, QueuedEmailBackend):
        raise ImproperlyConfigured(
            "EMAIL_DELIVERY_BACKEND must be a transport (SMTP, console, ...), not the queue."
        )
    return connection


def serialise_message(message):
    """The parts of an EmailMessage as JSON-safe values."""
    alternatives = [
        {"content": content, "mimetype": mimetype}
        for content, mimetype in getattr(message, "alternatives", [])
    ]
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append(
                {
                    "filename": filename,
                    "base64": base64.b64encode(content).decode("ascii"),
                    "mimetype": mimetype,
                }
            )
        else:
            attachments.append({"filename": filename, "content": content, "mimetype": mimetype})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "content_subtype": message.content_subtype,
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "alternatives": alternatives,
        "attachments": attachments,
    }


def build_message(payload):
    """The EmailMessage a queued payload describes."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload.get("cc") or None,
        bcc=payload.get("bcc") or None,
        reply_to=payload.get("reply_to") or None,
        headers=payload.get("headers") or None,
    )
    message.content_subtype = payload.get("content_subtype", "plain")
    for alternative in payload.get("alternatives", []):
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in payload.get("attachments", []):
        if "base64" in attachment:
            content = base64.b64decode(attachment["base64"])
        else:
            content = attachment["content"]
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


def is_permanent(error):
    """True when the mail server refused the message itself, so trying again cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


@task(takes_context=True, backend="email")
def deliver_email(context, payload, attempt=1):
    """Hand one queued e-mail to the mail server; while it is unreachable, try again later."""
    message = build_message(payload)
    try:
        delivery_connection().send_messages([message])
    # SMTPException is an OSError, as are refused connections, timeouts and DNS failures.
    except OSError as error:
        backend_alias = context.task_result.backend
        if is_permanent(error) or not retry_later(backend_alias, payload, attempt, error):
            logger.error(
                "E-mail %r to %d recipient(s) not delivered after %d attempt(s): %s",
                payload["subject"],
                len(message.recipients()),
                attempt,
                error.__class__.__name__,
            )
            report_delivery(payload, "failed", error)
            raise UndeliverableEmail(str(error)) from error
        report_delivery(payload, "retrying", error)
        return {"delivered": False, "attempt": attempt}
    report_delivery(payload, "delivered")
    return {"delivered": True, "attempt": attempt}


def retry_later(backend_alias, payload, attempt, error):
    """Queue the next attempt after its delay; False when retries are spent or impossible."""
    backend = task_backends[backend_alias]
    # A backend that runs tasks at once (development, tests) cannot wait; nothing to queue.
    if attempt > len(RETRY_DELAYS) or not backend.supports_defer:
        return False
    delay = RETRY_DELAYS[attempt - 1]
    deliver_email.using(backend=backend_alias, run_after=timezone.now() + delay).enqueue(
        payload, attempt=attempt + 1
    )
    logger.warning(
        "Mail server unavailable (%s); e-mail %r queued again in %d minute(s).",
        error.__class__.__name__,
        payload["subject"],
        delay.total_seconds() // 60,
    )
    return True
