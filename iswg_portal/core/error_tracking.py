"""The optional error tracker (Sentry or a compatible service), started only when SENTRY_DSN
is set. It receives what an engineer needs to fix a fault, never a person's data: no cookies,
headers with credentials, request bodies, query strings, local variables or e-mail addresses;
the account by its id, the request by the id the logs and the error page show."""

from .request_logging import current_request_id, current_user_id, path_for_logs


def init_error_tracking(dsn, environment="", release=""):
    """Start sentry-sdk with Django's integration and the portal's privacy rules."""
    # Loaded only where an error tracker is configured.
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=without_personal_data,
    )


def without_personal_data(event, hint):
    """Tag the event with the request id and account id; drop the query string and the
    secrets some paths carry."""
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    user_id = current_user_id()
    event["user"] = {"id": user_id} if user_id and user_id != "anonymous" else {}
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("query_string", None)
        request.pop("cookies", None)
        request.pop("data", None)
        if isinstance(request.get("url"), str):
            request["url"] = path_for_logs(request["url"])
    return event
