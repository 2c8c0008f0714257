"""What each log record says about the request that wrote it: the request's id, the account's
id and the path, never an e-mail address, a name or a secret carried in the URL."""

import contextvars
import logging
import re
import uuid
from dataclasses import dataclass

from django.utils.functional import empty
from django.views.debug import ExceptionReporter

REQUEST_ID_HEADER = "X-Request-ID"
# An id the proxy in front gives (nginx's $request_id, a UUID) is kept so its logs and ours
# join up; anything else, which might forge a log line, gets a fresh id.
INCOMING_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")
# URLs that carry a secret (invitation, e-mail confirmation and password reset keys, the token
# of a personal calendar feed): the part after these words never reaches a log.
SECRET_IN_PATH = re.compile(r"/(invitation|confirm-email|key|personal)/[^/]+")
NO_VALUE = "-"


@dataclass
class RequestContext:
    """The request being answered in this thread or task, as the logs name it."""

    request_id: str
    path: str
    request: object = None


_current_request = contextvars.ContextVar("portal_request", default=None)


def request_id_for(request):
    """The proxy's request id when it is well formed, otherwise a new random one."""
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    if INCOMING_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def path_for_logs(path):
    """The path with the secrets some URLs carry replaced by "…"."""
    return SECRET_IN_PATH.sub(lambda match: f"/{match.group(1)}/…", path)


def enter_request(request):
    """Make `request` the one that log records describe; returns the token to leave it."""
    context = RequestContext(request.request_id, path_for_logs(request.path), request)
    return _current_request.set(context)


def leave_request(token):
    _current_request.reset(token)


def current_request_id():
    """The id of the request being answered, or None outside a request."""
    context = _current_request.get()
    return context.request_id if context else None


def current_user_id():
    """The signed-in account's id, "anonymous", or None when not known (yet).

    Reads the user only once the authentication middleware has loaded it: loading it here
    could query a database that is the very thing failing."""
    context = _current_request.get()
    user = getattr(context.request, "user", None) if context else None
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return str(user.pk) if user.is_authenticated else "anonymous"


class RequestContextFilter(logging.Filter):
    """Adds request_id, user_id and path to every record (NO_VALUE outside a request), and
    hides URL secrets in the message of django.request ("Internal Server Error: /path")."""

    def filter(self, record):
        context = _current_request.get()
        if context is None:
            record.request_id = record.user_id = record.path = NO_VALUE
            return True
        record.request_id = context.request_id
        record.user_id = current_user_id() or NO_VALUE
        record.path = context.path
        raw_path = getattr(context.request, "path", None)
        if isinstance(record.args, tuple) and raw_path in record.args:
            record.args = tuple(context.path if arg == raw_path else arg for arg in record.args)
        return True


class AccountIdExceptionReporter(ExceptionReporter):
    """Django's error report (the e-mail to ADMINS) naming the account by its id, not by its
    e-mail address."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if "user_str" in data:
            user = getattr(self.request, "user", None)
            pk = getattr(user, "pk", None)
            data["user_str"] = f"account {pk}" if pk is not None else "anonymous"
        return data
